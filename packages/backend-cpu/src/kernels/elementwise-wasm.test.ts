import { sizeOf, type Shape } from '@weightnorm/core';
import { describe, expect, it } from 'vitest';
import { mulberry32, runKernel, tensor, typescriptContext, wasmRuntime } from '../../test/kernel-test-utils.js';
import type { CpuContext } from '../cpu-context.js';
import { add, div, equal, greater, less, maximum, minimum, mul, sub } from './binary.js';
import { createWasmRuntime } from './wasm-runtime.js';
import { where } from './where.js';

/** Values with the edge cases every op must treat as torch does: NaN, ±0, ±∞, ties. */
function edgy(n: number, seed: number): Float32Array {
  const random = mulberry32(seed);
  const special = [NaN, 0, -0, Infinity, -Infinity, 1, -1, 0.5];
  return Float32Array.from({ length: n }, () => (random() < 0.3 ? special[Math.floor(random() * special.length)]! : random() * 4 - 2));
}

/** Data where the backend keeps large tensors: the heap, so the WebAssembly path reads it in place. */
function inHeap(data: Float32Array): Float32Array {
  const view = wasmRuntime!.heap.f32(data.length, false)!;
  view.set(data);
  return view;
}

function sameBits(got: Float32Array, want: Float32Array): void {
  expect(got.length).toBe(want.length);
  const bad = [...got].findIndex((x, i) => !Object.is(x, want[i]) && !(Number.isNaN(x) && Number.isNaN(want[i])));
  expect(bad, `element ${bad}: ${got[bad]} vs ${want[bad]}`).toBe(-1);
}

// Counts the WebAssembly calls, so a test shows the WebAssembly path ran rather than the fallback.
function countingCalls(): { calls: string[]; restore(): void } {
  const runtime = wasmRuntime!;
  const parallel = runtime.parallel;
  const calls: string[] = [];
  (runtime as { parallel: typeof parallel }).parallel = (jobs) => {
    calls.push(...jobs.map((j) => j[0]));
    return parallel(jobs);
  };
  return { calls, restore: () => ((runtime as { parallel: typeof parallel }).parallel = parallel) };
}

const shapes: [Shape, Shape][] = [
  [[3, 7], [3, 7]],
  [[4, 1, 9], [1, 5, 9]], // both broadcast
  [[2, 6, 33], [1, 1, 1]], // a scalar b (core gives operands the output's rank): copied into the heap
  [[1], [20]], // a broadcast a, read with step 0
];

describe.each([
  ['Add', add],
  ['Sub', sub],
  ['Mul', mul],
  ['Div', div],
  ['Maximum', maximum],
  ['Minimum', minimum],
  ['Greater', greater],
  ['Less', less],
  ['Equal', equal],
] as const)('%s in WebAssembly', (_, kernel) => {
  it.each(shapes)('gives the TypeScript kernel\'s bits for %j with %j (NaN, ±0, ±∞ included)', (aShape, bShape) => {
    const outShape = aShape.length >= bShape.length ? aShape.map((d, i) => Math.max(d, bShape[i] ?? 1)) : bShape.map((d, i) => Math.max(d, aShape[i] ?? 1));
    const a = inHeap(edgy(sizeOf(aShape), 1));
    const b = edgy(sizeOf(bShape), 2);
    const inputs = { a: tensor(a, aShape), b: tensor(b, bShape) };
    const out = { shape: outShape, dtype: 'float32' as const };
    const counter = countingCalls();
    const got = runKernel(kernel, inputs, {}, out) as Float32Array;
    counter.restore();
    expect(counter.calls.length).toBeGreaterThan(0);
    expect(counter.calls.every((c) => c === 'binaryF32')).toBe(true);
    sameBits(got, runKernel(kernel, inputs, {}, out, typescriptContext) as Float32Array);
  });
});

describe('Where in WebAssembly', () => {
  it('selects bits as the TypeScript kernel does (−0 is false, NaN is true), broadcasting', () => {
    const cond = inHeap(Float32Array.from(edgy(40, 3), (x, i) => (i % 5 === 0 ? -0 : i % 7 === 0 ? NaN : x > 0 ? 1 : 0)));
    const a = inHeap(edgy(40, 4));
    const b = Float32Array.of(0.25);
    const inputs = { cond: tensor(cond, [5, 8]), a: tensor(a, [5, 8]), b: tensor(b, [1, 1]) };
    const out = { shape: [5, 8], dtype: 'float32' as const };
    const counter = countingCalls();
    const got = runKernel(where, inputs, {}, out) as Float32Array;
    counter.restore();
    expect(counter.calls).toEqual(['whereF32']);
    sameBits(got, runKernel(where, inputs, {}, out, typescriptContext) as Float32Array);
    expect(got[0]).toBe(0.25); // cond −0
    expect(got[7]).toBe(a[7]); // cond NaN
  });
});

describe('elementwise WebAssembly: threads and fallbacks', () => {
  it('splits one long row across helper threads, bit for bit as on one thread', async () => {
    const three = createWasmRuntime(3)!;
    for (let waited = 0; three.helpersReady() < 2; waited += 10) {
      expect(waited).toBeLessThan(20_000);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const n = 100_003;
    const put = (data: Float32Array) => {
      const v = three.heap.f32(data.length, false)!;
      v.set(data);
      return v;
    };
    const ctx: Partial<CpuContext> = {
      wasm: three,
      alloc: (size, zeroed) => three.heap.f32(size, zeroed) ?? new Float32Array(size),
      free: (array) => three.heap.release(array),
    };
    const inputs = { a: tensor(put(edgy(n, 5)), [n]), b: tensor(put(edgy(n, 6)), [n]) };
    const out = { shape: [n], dtype: 'float32' as const };
    sameBits(runKernel(mul, inputs, {}, out, ctx) as Float32Array, runKernel(mul, inputs, {}, out, typescriptContext) as Float32Array);
  }, 60_000);

  it('leaves large inputs outside the heap to the TypeScript loop', () => {
    const n = 10_000;
    const inputs = { a: tensor(edgy(n, 7), [n]), b: tensor(edgy(n, 8), [n]) };
    const out = { shape: [n], dtype: 'float32' as const };
    const counter = countingCalls();
    const got = runKernel(add, inputs, {}, out) as Float32Array;
    counter.restore();
    expect(counter.calls).toEqual([]);
    sameBits(got, runKernel(add, inputs, {}, out, typescriptContext) as Float32Array);
  });
});
