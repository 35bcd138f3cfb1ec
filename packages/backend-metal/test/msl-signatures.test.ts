import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- a build script in plain JS, without types
import { parseMetal } from '../scripts/msl-signatures.mjs';

const dir = mkdtempSync(join(tmpdir(), 'wn-msl-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function parse(source: string) {
  const file = join(dir, `k${Math.random().toString(36).slice(2)}.metal`);
  writeFileSync(file, source);
  return parseMetal(file);
}

describe('the emulator reads kernel signatures from their MSL attributes', () => {
  it('binds buffers, built-ins and function constants, and spots synchronizing kernels', () => {
    const parsed = parse(`
      constant uint DT [[function_constant(1)]];
      kernel void a(device const float* x [[buffer(1)]], device float* y [[buffer(0)]], uint gid [[thread_position_in_grid]]) { y[gid] = x[gid]; }
      kernel void b(device float* y [[buffer(0)]], uint lid [[thread_position_in_threadgroup]]) {
        threadgroup float t[4];
        t[lid] = 1; threadgroup_barrier(mem_flags::mem_threadgroup); y[lid] = t[3 - lid];
      }`);
    expect(parsed.constants).toEqual([{ type: 'uint', name: 'DT', index: 1 }]);
    expect(parsed.kernels.map((k: any) => [k.name, k.synchronizes])).toEqual([
      ['a', false],
      ['b', true],
    ]);
    expect(parsed.kernels[0].params).toEqual([
      { type: 'device const float*', name: 'x', kind: 'buffer', index: 1 },
      { type: 'device float*', name: 'y', kind: 'buffer', index: 0 },
      { type: 'uint', name: 'gid', kind: 'builtin', builtin: 'thread_position_in_grid' },
    ]);
  });

  it('fails the build, naming file and parameter, for what it cannot emulate', () => {
    expect(() => parse('kernel void k(device float* y [[buffer(0)]], uint3 gid [[thread_position_in_grid]]) {}')).toThrow(
      /kernel k: gid \[\[thread_position_in_grid\]\] must be a 1-d uint/,
    );
    expect(() => parse('kernel void k(threadgroup float* t [[threadgroup(0)]]) {}')).toThrow(/declare threadgroup memory in the kernel body/);
    expect(() => parse('kernel void k(device float* y) {}')).toThrow(/parameter "device float\* y" has no \[\[attribute\]\]/);
    expect(() => parse('kernel void k(device float* y [[stage_in]]) {}')).toThrow(/attribute \[\[stage_in\]\] on y is not supported/);
  });
});
