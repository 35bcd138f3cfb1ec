import { sizeOf } from '@weightnorm/core';
import { describe, expect, it } from 'vitest';
import { mulberry32, randomFloats, runKernel, tensor, typescriptContext, wasmRuntime } from '../../test/kernel-test-utils.js';
import type { CpuContext } from '../cpu-context.js';
import { weightNormGradG } from './weight-norm-grad-g.js';
import { weightNormGradV } from './weight-norm-grad-v.js';

/** torch's weight-norm backward in float64 (norm over every axis but `axis`), for both kernels. */
function reference(v: Float32Array, gw: Float32Array, g: Float32Array, shape: number[], axis: number | null, eps: number) {
  const kept = axis === null ? 1 : shape[axis]!;
  const inner = axis === null ? v.length : sizeOf(shape.slice(axis + 1));
  const keptOf = (i: number) => Math.floor(i / inner) % kept;
  const sq = new Array<number>(kept).fill(eps);
  const dot = new Array<number>(kept).fill(0);
  v.forEach((x, i) => {
    sq[keptOf(i)] += x * x;
    dot[keptOf(i)] += gw[i]! * x;
  });
  const gg = dot.map((d, k) => Math.fround(d / Math.sqrt(sq[k]!)));
  const gv = [...v].map((x, i) => {
    const k = keptOf(i);
    return (g[k]! / Math.sqrt(sq[k]!)) * gw[i]! - ((g[k]! * gg[k]!) / sq[k]!) * x;
  });
  // What one element's float64 terms weigh: the bound for sums taken in another order.
  const mag = [...v].map((x, i) => {
    const k = keptOf(i);
    return Math.abs((g[k]! / Math.sqrt(sq[k]!)) * gw[i]!) + Math.abs(((g[k]! * gg[k]!) / sq[k]!) * x);
  });
  return { gg, gv, mag };
}

describe.each([
  ['WebAssembly', {}],
  ['TypeScript', typescriptContext],
] as const)('WeightNormGradG / GradV kernels (%s path)', (_, context: Partial<CpuContext>) => {
  it.each([
    [[300, 17, 3], 0], // Conv1d weight, past the parallel threshold, rows not a multiple of 4
    [[5, 7], 0],
    [[3, 4, 5], 1], // ConvTranspose1d weight: interleaved rows, always TypeScript
    [[2, 3, 4], null],
  ])('match the float64 reference for v %j, axis %j', (shape, axis) => {
    const random = mulberry32(sizeOf(shape) + 3);
    const v = randomFloats(sizeOf(shape), random);
    const gw = randomFloats(v.length, random);
    const kept = axis === null ? 1 : shape[axis]!;
    const g = Float32Array.from({ length: kept }, () => random() * 2 + 0.5);
    const gShape = axis === null ? [] : shape.map((d, i) => (i === axis ? d : 1));
    for (const eps of [0, 1e-5]) {
      const want = reference(v, gw, g, shape, axis, eps);
      const gg = runKernel(weightNormGradG, { v: tensor(v, shape), gw: tensor(gw, shape) }, { axis, eps }, { shape: gShape, dtype: 'float32' }, context) as Float32Array;
      let worst = 0;
      gg.forEach((x, k) => (worst = Math.max(worst, Math.abs(x - want.gg[k]!) - Math.abs(want.gg[k]!) * 2 ** -22 - 1e-12)));
      expect(worst).toBeLessThanOrEqual(0);
      const ggIn = Float32Array.from(want.gg);
      const gv = runKernel(
        weightNormGradV,
        { v: tensor(v, shape), g: tensor(g, gShape), gw: tensor(gw, shape), gg: tensor(ggIn, gShape) },
        { axis, eps },
        { shape, dtype: 'float32' },
        context,
      ) as Float32Array;
      worst = 0;
      gv.forEach((x, i) => (worst = Math.max(worst, Math.abs(x - want.gv[i]!) - want.mag[i]! * 2 ** -22 - 1e-30)));
      expect(worst).toBeLessThanOrEqual(0);
    }
  });
});

describe('WeightNormGradV on the WebAssembly heap', () => {
  it('runs grad_v as WebAssembly, writes it into the heap and frees its temporaries', () => {
    const runtime = wasmRuntime!;
    const heap = runtime.heap;
    const calls: string[] = [];
    const parallel = runtime.parallel;
    (runtime as { parallel: typeof parallel }).parallel = (jobs) => {
      calls.push(...jobs.map((j) => j[0]));
      return parallel(jobs);
    };
    const random = mulberry32(8);
    const shape = [16, 40];
    const v = randomFloats(640, random);
    const gw = randomFloats(640, random);
    const before = heap.stats().live;
    const gv = runKernel(
      weightNormGradV,
      { v: tensor(v, shape), g: tensor(new Float32Array(16).fill(1), [16, 1]), gw: tensor(gw, shape), gg: tensor(new Float32Array(16), [16, 1]) },
      { axis: 0, eps: 0 },
      { shape, dtype: 'float32' },
    ) as Float32Array;
    (runtime as { parallel: typeof parallel }).parallel = parallel;
    expect(calls).toEqual(['weightNormGradVRows']);
    expect(heap.addressOf(gv)).toBeGreaterThanOrEqual(0);
    expect(heap.stats().live - before).toBe(640 * 4);
    // With gg = 0 and g = 1, grad_v is gw / ‖v‖ per row.
    let sq = 0;
    for (let i = 0; i < 40; i++) sq += v[i]! * v[i]!;
    expect(gv[3]).toBeCloseTo(gw[3]! / Math.sqrt(sq), 6);
    heap.release(gv);
  });
});
