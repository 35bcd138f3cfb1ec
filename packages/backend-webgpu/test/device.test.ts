import {
  BackendError,
  BackendUnavailableError,
  evaluate,
  normalizeWeight,
  registerBackend,
  setBackend,
  tensor,
  toFloat16Bits,
} from '@weightnorm/core';
import { useBackend } from '@weightnorm/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWebgpuBackend } from '../src/index.js';

// Device-level behaviour on the real adapter (Dawn + lavapipe here). vitest runs this file in a
// forked process (vitest.config.ts), small tensors only.
type WebgpuBackend = Awaited<ReturnType<typeof createWebgpuBackend>>;
let backend: WebgpuBackend;

beforeAll(async () => {
  backend = await createWebgpuBackend();
  await useBackend(backend);
});
afterAll(async () => {
  await backend.destroy?.();
});

describe('no adapter', () => {
  it('setBackend rejects with BackendUnavailableError saying why', async () => {
    const noAdapter = { requestAdapter: async () => null } as unknown as GPU;
    registerBackend('webgpu-none', async () => ({ ...(await createWebgpuBackend({ gpu: noAdapter })), name: 'webgpu-none' }));
    const err = await setBackend('webgpu-none').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackendUnavailableError);
    expect((err as Error).message).toMatch(/backend "webgpu" is unavailable: requestAdapter\(\) found no GPU adapter/);
    await useBackend(backend);
  });
});

describe('one command encoder per evaluation, readback only on read', () => {
  it('encodes a 4-op graph into one submit and reads nothing until data()', async () => {
    const ctx = backend.context;
    const x = tensor([1, 2, 3, 4, 5, 6], [2, 3]);
    const y = x.mul(2).add(1).exp().sum(1);
    const before = { ...ctx.counters };
    await evaluate(y);
    expect(ctx.counters.dispatches - before.dispatches).toBe(4);
    expect(ctx.counters.submits - before.submits).toBe(1);
    expect(ctx.counters.reads - before.reads).toBe(0);
    const got = await y.data();
    expect(ctx.counters.reads - before.reads).toBe(1);
    expect(got[0]).toBeCloseTo(Math.exp(3) + Math.exp(5) + Math.exp(7), 2);
  });

  it('reuses pooled buffers across evaluations', async () => {
    const x = tensor(Array.from({ length: 64 }, (_, i) => i), [8, 8]);
    const first = x.add(x).mul(x); // no scalar leaves: those would be new uploads
    await first.data();
    first.dispose();
    const { created, reused } = backend.context.pool.snapshot();
    const second = x.mul(x).add(x);
    expect((await second.data())[63]).toBe(63 * 63 + 63);
    second.dispose();
    const after = backend.context.pool.snapshot();
    expect(after.created).toBe(created);
    expect(after.reused - reused).toBe(3); // two results and the readback staging buffer
  });
});

describe('float16 storage', () => {
  it('round-trips an odd-length float16 tensor (4-byte aligned buffers) and computes on it', async () => {
    const values = [1.5, -2.25, 65504, 0.0001, -0, 3, 7];
    const x = tensor(values, [7], { dtype: 'float16' });
    expect(Array.from(await x.neg().rawData())).toEqual(Array.from(toFloat16Bits(values.map((v) => -v))));
  });
});

describe('weight norm paths the conformance sizes do not reach', () => {
  /** w = v·g/‖v‖ in float64, rows along axis 0 of a [rows, cols] v (rows = 1: the whole tensor). */
  function reference(v: Float32Array, g: number[], rows: number): Float64Array {
    const cols = v.length / rows;
    const w = new Float64Array(v.length);
    for (let r = 0; r < rows; r++) {
      let ss = 0;
      for (let c = 0; c < cols; c++) ss += v[r * cols + c]! ** 2;
      for (let c = 0; c < cols; c++) w[r * cols + c] = (v[r * cols + c]! * g[r]!) / Math.sqrt(ss);
    }
    return w;
  }
  const wave = (n: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 0.37) + 0.1);
  const worstRel = (got: Float32Array, want: Float64Array) => {
    let scale = 0;
    for (const x of want) scale = Math.max(scale, Math.abs(x));
    let worst = 0;
    for (let i = 0; i < want.length; i++) worst = Math.max(worst, Math.abs(got[i]! - want[i]!) / scale);
    return worst;
  };

  it('rows longer than the register cache re-read v and still match', async () => {
    const v = wave(2 * 3000);
    const w = normalizeWeight(tensor(v, [2, 3000]), tensor([1.5, 0.5], [2, 1]), { dim: 0 });
    expect(worstRel(await w.data(), reference(v, [1.5, 0.5], 2))).toBeLessThan(1e-6);
  });

  it('a whole-tensor norm over 64K elements runs in two stages and matches', async () => {
    const ctx = backend.context;
    const v = wave(70_000);
    const before = ctx.counters.dispatches;
    const w = normalizeWeight(tensor(v, [70, 1000]), tensor([2], []), { dim: null });
    const got = await w.data();
    expect(ctx.counters.dispatches - before).toBe(2);
    expect(worstRel(got, reference(v, [2], 1))).toBeLessThan(1e-6);
  });
});

describe('errors become BackendError naming the kernel', () => {
  it('maps a shader that does not compile', async () => {
    const ctx = backend.context;
    const out = ctx.alloc('float32', 4);
    const err = await ctx
      .dispatch({ kernel: 'BrokenKernel', key: 'x', code: () => 'fn main( {', inputs: [], outputs: [out], meta: [0], workgroups: [1, 1, 1] })
      .catch((e: unknown) => e);
    ctx.release(out);
    expect(err).toBeInstanceOf(BackendError);
    expect((err as BackendError).kernel).toBe('BrokenKernel');
    expect((err as Error).message).toContain('webgpu kernel BrokenKernel: pipeline creation failed');
  });

  it('maps a validation error found at submit, and the backend keeps working', async () => {
    const ctx = backend.context;
    const out = ctx.alloc('float32', 4);
    const code = () =>
      '@group(0) @binding(0) var<storage, read_write> out: array<f32>;\n@group(0) @binding(1) var<storage, read> params: array<i32>;\n@compute @workgroup_size(1) fn main() { out[0] = f32(params[0]); }';
    const tooMany = ctx.facts.maxWorkgroupsPerDimension + 1;
    await ctx.dispatch({ kernel: 'TooManyWorkgroups', key: 'x', code, inputs: [], outputs: [out], meta: [1], workgroups: [tooMany, 1, 1] });
    const err = await ctx.flush().catch((e: unknown) => e);
    ctx.release(out);
    expect(err).toBeInstanceOf(BackendError);
    expect((err as BackendError).kernel).toContain('TooManyWorkgroups');
    expect((err as Error).message).toMatch(/webgpu kernel TooManyWorkgroups: validation error/);
    expect(Array.from(await tensor([1, 2], [2]).mul(3).data())).toEqual([3, 6]);
  });

  it('reports a lost device on the next kernel instead of hanging', async () => {
    const lost = await createWebgpuBackend();
    await useBackend(lost);
    const x = tensor([1, 2], [2]);
    await x.add(0).data(); // x now lives on the device, so the next evaluation starts with a kernel
    lost.context.device.destroy();
    await lost.context.device.lost;
    const err = await x.neg().data().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackendError);
    expect((err as Error).message).toMatch(/webgpu kernel Neg: device lost/);
    await useBackend(backend);
  });
});
