import { fromFloat16Bits, roundToFloat16, sizeOf, toFloat16Bits, type DType } from '@weightnorm/core';
import { beforeEach, describe, expect, it } from 'vitest';
import { mulberry32, randomFloats, runKernel, tensor, typescriptContext, wasmRuntime } from '../../test/kernel-test-utils.js';
import type { CpuContext } from '../cpu-context.js';
import type { CpuStorage } from '../cpu-storage.js';
import { weightNorm } from './weight-norm.js';

// Set per describe block below: the WebAssembly path (the default context) or the TypeScript one.
let context: Partial<CpuContext> = {};

function run(v: CpuStorage, shape: number[], g: CpuStorage, axis: number | null, eps = 0, dtype: DType = 'float32'): CpuStorage {
  const gShape = axis === null ? [] : shape.map((d, i) => (i === axis ? d : 1));
  return runKernel(weightNorm, { v: tensor(v, shape, dtype), g: tensor(g, gShape, dtype) }, { axis, eps }, { shape, dtype }, context);
}

/** torch's formula in float64: norm over every axis but `axis`, scale g/norm in float32, one multiply. */
function reference(v: Float32Array, shape: number[], g: Float32Array, axis: number | null, eps: number): number[] {
  const kept = axis === null ? 1 : shape[axis];
  const inner = axis === null ? v.length : sizeOf(shape.slice(axis + 1));
  const keptOf = (i: number) => Math.floor(i / inner) % kept;
  const sums = new Array<number>(kept).fill(0);
  v.forEach((x, i) => (sums[keptOf(i)] += x * x));
  const scale = sums.map((s, d) => Math.fround(g[d] / Math.sqrt(s + eps)));
  return [...v].map((x, i) => Math.fround(x * scale[keptOf(i)]));
}

describe.each([
  ['WebAssembly', {}],
  ['TypeScript', typescriptContext],
] as const)('WeightNorm kernel (%s path)', (_, ctx) => {
  beforeEach(() => {
    context = ctx;
  });

  it('scales each row to norm g (torch dim=0 on a Linear weight)', () => {
    const w = run(Float32Array.of(3, 4, 0, 5), [2, 2], Float32Array.of(10, 2), 0);
    expect([...w]).toEqual([6, 8, 0, 2]);
  });

  it('gives NaN for a zero row with eps = 0, exactly as torch does, and 0 with eps > 0', () => {
    expect([...run(Float32Array.of(3, 4, 0, 0), [2, 2], Float32Array.of(1, 1), 0)]).toEqual([0.6000000238418579, 0.800000011920929, NaN, NaN]);
    expect([...run(Float32Array.of(0, 0), [1, 2], Float32Array.of(1), 0, 1e-12)]).toEqual([0, 0]);
  });

  it('takes one norm over the whole tensor when axis is null (g is 0-d)', () => {
    expect([...run(Float32Array.of(1, 2, 2, 4), [2, 2], Float32Array.of(5), null)]).toEqual([1, 2, 2, 4]);
  });

  it.each([
    [[8, 3, 5], 0], // Conv1d weight [O, I, k], dim=0
    [[3, 4, 5], 1], // ConvTranspose1d weight [I, O, k], dim=1
    [[4, 3, 2, 3], 1],
    [[6, 7], 1], // dim=-1 normalized
    [[2, 3, 4], null],
    [[5], 0],
    [[300, 17, 3], 0], // rows not a multiple of the 8-wide loop, past the parallel threshold
    [[2, 70000], 0],
  ])('matches the float64 reference for v %j, axis %j', (shape, axis) => {
    const random = mulberry32(sizeOf(shape));
    const v = randomFloats(sizeOf(shape), random);
    const g = Float32Array.from({ length: axis === null ? 1 : shape[axis] }, () => random() * 3);
    for (const eps of [0, 1e-5]) {
      const got = run(v, shape, g, axis, eps);
      const want = reference(v, shape, g, axis, eps);
      // Sums taken in a different order may move the float32 scale by one ulp.
      let worst = 0;
      got.forEach((x, i) => (worst = Math.max(worst, Math.abs(x - want[i]) - Math.abs(want[i]) * 2 ** -22)));
      expect(worst).toBeLessThanOrEqual(0);
    }
  });

  it('leaves v untouched', () => {
    const v = Float32Array.of(1, 2, 3, 4);
    run(v, [2, 2], Float32Array.of(1, 1), 0);
    expect([...v]).toEqual([1, 2, 3, 4]);
  });

  it('rounds a float16 result once from the float32 result', () => {
    const random = mulberry32(1);
    const v = toFloat16Bits(Array.from({ length: 24 }, () => random() * 2 - 1));
    const g = toFloat16Bits([0.5, 1.5, 3]);
    const half = run(v, [3, 8], g, 0, 0, 'float16');
    const single = run(fromFloat16Bits(v), [3, 8], fromFloat16Bits(g), 0);
    expect(half).toBeInstanceOf(Uint16Array);
    expect([...fromFloat16Bits(half as Uint16Array)]).toEqual([...single].map(roundToFloat16));
  });

  it('handles zero-size tensors and a 0-d v', () => {
    expect(run(new Float32Array(0), [0, 3], new Float32Array(0), 0).length).toBe(0);
    expect(run(new Float32Array(0), [2, 0], Float32Array.of(1, 1), 0).length).toBe(0);
    expect([...run(Float32Array.of(-2), [], Float32Array.of(3), null)]).toEqual([-3]);
  });
});

describe('WeightNorm kernel on the WebAssembly heap', () => {
  it('reads v in place from the heap and writes w there, as the backend runs it', () => {
    const heap = wasmRuntime!.heap;
    const random = mulberry32(3);
    const shape = [64, 40];
    const plain = randomFloats(64 * 40, random);
    const v = heap.f32(plain.length, false)!;
    v.set(plain);
    const g = Float32Array.from({ length: 64 }, () => random() * 2);
    const before = heap.stats().live;
    context = {};
    const w = run(v, shape, g, 0) as Float32Array;
    expect(heap.addressOf(w)).toBeGreaterThanOrEqual(0);
    // Only w stays live: the kernel's temporaries (g's copy) went back.
    expect(heap.stats().live - before).toBe(Math.ceil((w.length * 4) / 64) * 64);
    context = typescriptContext;
    expect([...w]).toEqual([...(run(plain, shape, g, 0) as Float32Array)]);
    heap.release(w);
    heap.release(v);
  });
});
