import { conv, fromFloat16Bits, gradsOf, sizeOf, stridesOf, tensor as hostTensor, toFloat16Bits, type Backend, type Kernel, type OpName } from '@weightnorm/core';
import { evaluateReference, useBackend } from '@weightnorm/core/testing';
import { afterAll, describe, expect, it } from 'vitest';
import {
  expectWithin,
  forEachIndex,
  gemmPaths,
  mulberry32,
  randomFloats,
  runKernel,
  tensor,
  typescriptContext,
} from '../../test/kernel-test-utils.js';
import { createCpuBackend } from '../backend.js';
import type { CpuContext } from '../cpu-context.js';
import { convWeightGrad } from './conv-weight-grad.js';

interface Config {
  x: number[];
  gy: number[];
  kernel: number[];
  stride: number[];
  padding: [number, number][];
  dilation: number[];
  groups: number;
}

const outShape = (c: Config) => [c.gy[1], c.x[1] / c.groups, ...c.kernel];

/** The definition in float64, plus Σ|terms| per weight for the tolerance. */
function reference(c: Config, x: ArrayLike<number>, gy: ArrayLike<number>) {
  const shape = outShape(c);
  const out = new Float64Array(sizeOf(shape));
  const mag = new Float64Array(out.length);
  const [xs, gs, os] = [stridesOf(c.x), stridesOf(c.gy), stridesOf(shape)];
  const cg = c.x[1] / c.groups;
  const og = c.gy[1] / c.groups;
  const rank = c.kernel.length;
  forEachIndex(shape, ([o, ci, ...tap]) => {
    const g = Math.floor(o / og);
    let s = 0;
    let m = 0;
    forEachIndex([c.gy[0], ...c.gy.slice(2)], ([n, ...p]) => {
      let xo = n * xs[0] + (g * cg + ci) * xs[1];
      let go = n * gs[0] + o * gs[1];
      for (let d = 0; d < rank; d++) {
        const at = p[d] * c.stride[d] + tap[d] * c.dilation[d] - c.padding[d][0];
        if (at < 0 || at >= c.x[d + 2]) return;
        xo += at * xs[d + 2];
        go += p[d] * gs[d + 2];
      }
      s += gy[go] * x[xo];
      m += Math.abs(gy[go] * x[xo]);
    });
    let oo = o * os[0] + ci * os[1];
    for (let d = 0; d < rank; d++) oo += tap[d] * os[d + 2];
    out[oo] = s;
    mag[oo] = m;
  });
  return { out, mag };
}

/**
 * A random geometry: groups, stride, dilation, padding that can crop past the kernel's reach,
 * batch 1 … 3, and gy usually the conv's output size but sometimes reaching past x's end.
 */
function randomConfig(random: () => number, rank: number): Config {
  const pick = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const groups = pick(1, 3);
  const [cg, og] = [pick(1, 3), pick(1, 3)];
  const kernel = Array.from({ length: rank }, () => pick(1, 3));
  const dilation = kernel.map(() => pick(1, 3));
  const stride = kernel.map(() => pick(1, 3));
  const padding = kernel.map((): [number, number] => [pick(0, 4), pick(0, 3)]);
  const spatial = kernel.map(() => pick(1, rank === 3 ? 5 : 9));
  const positions = kernel.map((k, d) => {
    const natural = Math.floor((spatial[d] + padding[d][0] + padding[d][1] - dilation[d] * (k - 1) - 1) / stride[d]) + 1;
    return Math.max(1, natural) + (random() < 0.2 ? pick(1, 2) : 0);
  });
  const batch = pick(1, 3);
  return { x: [batch, groups * cg, ...spatial], gy: [batch, groups * og, ...positions], kernel, stride, padding, dilation, groups };
}

function run(c: Config, x: Float32Array, gy: Float32Array, ctx: Partial<CpuContext>): Float32Array {
  const { kernel, stride, padding, dilation, groups } = c;
  return runKernel(convWeightGrad, { x: tensor(x, c.x), gy: tensor(gy, c.gy) }, { kernel, stride, padding, dilation, groups }, { shape: outShape(c), dtype: 'float32' }, ctx) as Float32Array;
}

const contexts = [
  ...gemmPaths.map(({ name, gemm }) => ({ name: `${name} GEMM`, ctx: { gemm } as Partial<CpuContext>, wasm: name === 'wasm' })),
  { name: 'TypeScript only, plain arrays', ctx: typescriptContext, wasm: false },
];

describe.each(contexts)('ConvWeightGrad kernel ($name)', ({ ctx, wasm }) => {
  it('computes a 1-d weight gradient by hand', () => {
    // x = [1, 2, 3], gy = [1, 10, 100], k 2, padding [1, 0]: tap 0 reads x[p − 1], tap 1 reads x[p].
    const c: Config = { x: [1, 1, 3], gy: [1, 1, 3], kernel: [2], stride: [1], padding: [[1, 0]], dilation: [1], groups: 1 };
    expect([...run(c, Float32Array.of(1, 2, 3), Float32Array.of(1, 10, 100), ctx)]).toEqual([10 * 1 + 100 * 2, 1 + 20 + 300]);
  });

  it.each([1, 2, 3])('matches the definition on random %i-d geometries (groups, stride, dilation, cropping padding, gy past x)', (rank) => {
    const random = mulberry32(200 + rank);
    for (let trial = 0; trial < 30; trial++) {
      const c = randomConfig(random, rank);
      const x = randomFloats(sizeOf(c.x), random);
      const gy = randomFloats(sizeOf(c.gy), random);
      const want = reference(c, x, gy);
      const got = run(c, x, gy, ctx);
      // Each GEMM call adds one float32 rounding per weight; there are batch × (gy's leading
      // positions) calls. The WebAssembly GEMM also rounds once per term (float32 accumulation).
      const calls = c.gy[0] * sizeOf(c.gy.slice(2, -1));
      const terms = calls + 1 + (wasm ? c.gy[0] * sizeOf(c.gy.slice(2)) : 0);
      expectWithin(got, want.out, (i) => want.mag[i] * terms * 2 ** -23 + 1e-30);
    }
  });

  it('matches the definition on a wide 1-d layer (several GEMM panels, ragged edges)', () => {
    const c: Config = { x: [2, 70, 300], gy: [2, 66, 300], kernel: [3], stride: [1], padding: [[3, 3]], dilation: [3], groups: 1 };
    const random = mulberry32(9);
    const [x, gy] = [randomFloats(sizeOf(c.x), random), randomFloats(sizeOf(c.gy), random)];
    const want = reference(c, x, gy);
    expectWithin(run(c, x, gy, ctx), want.out, (i) => want.mag[i] * (wasm ? 603 : 3) * 2 ** -23 + 1e-30);
  });

  it('gives zeros for empty sizes, and an empty result for empty channels', () => {
    const base: Omit<Config, 'x' | 'gy'> = { kernel: [2], stride: [1], padding: [[1, 1]], dilation: [1], groups: 1 };
    const zeros = (c: Config) => [...run({ ...c, ...base }, new Float32Array(sizeOf(c.x)), new Float32Array(sizeOf(c.gy)), ctx)];
    expect(zeros({ ...base, x: [0, 2, 4], gy: [0, 3, 5] })).toEqual(new Array<number>(12).fill(0));
    // No input positions (all padding) and no gy positions.
    expect(zeros({ ...base, x: [2, 2, 0], gy: [2, 3, 1] })).toEqual(new Array<number>(12).fill(0));
    expect(zeros({ ...base, x: [2, 2, 4], gy: [2, 3, 0] })).toEqual(new Array<number>(12).fill(0));
    expect(zeros({ ...base, x: [2, 2, 4], gy: [2, 0, 5] })).toEqual([]);
    expect(zeros({ ...base, x: [2, 0, 4], gy: [2, 3, 5] })).toEqual([]);
  });

  it('rounds a float16 result once from the float32 one', () => {
    const random = mulberry32(5);
    const c = randomConfig(random, 2);
    const x = toFloat16Bits(Array.from({ length: sizeOf(c.x) }, () => random() * 4 - 2));
    const gy = toFloat16Bits(Array.from({ length: sizeOf(c.gy) }, () => random() * 4 - 2));
    const { kernel, stride, padding, dilation, groups } = c;
    const y = runKernel(convWeightGrad, { x: tensor(x, c.x, 'float16'), gy: tensor(gy, c.gy, 'float16') }, { kernel, stride, padding, dilation, groups }, { shape: outShape(c), dtype: 'float16' }, ctx);
    expect(y).toBeInstanceOf(Uint16Array);
    expect([...(y as Uint16Array)]).toEqual([...toFloat16Bits(run(c, fromFloat16Bits(x), fromFloat16Bits(gy), ctx))]);
  });
});

describe('the cpu backend', () => {
  afterAll(() => useBackend(createCpuBackend()));

  it('runs a conv weight gradient on this kernel, not the composite', async () => {
    const backend = createCpuBackend();
    const calls: Record<string, number> = {};
    // Every kernel counted, so a composite (its MatMul, Pad, Concat …) would show.
    const kernels = new Map<OpName, Kernel<any, unknown, CpuContext>>();
    for (const [op, k] of backend.kernels) {
      kernels.set(op, { ...k, run: (...args) => ((calls[op] = (calls[op] ?? 0) + 1), k.run(...args)) });
    }
    await useBackend({ ...backend, kernels } as Backend);
    const random = mulberry32(11);
    const x = hostTensor([...randomFloats(2 * 4 * 20, random)], [2, 4, 20]);
    const w = hostTensor([...randomFloats(6 * 4 * 3, random)], [6, 4, 3]);
    const r = hostTensor([...randomFloats(2 * 6 * 20, random)], [2, 6, 20]);
    const [gw] = gradsOf(conv(x, w, null, { padding: 'same', dilation: 2 }).mul(r).sum(), [w]);
    expect(gw!.op).toBe('ConvWeightGrad');
    const got = Float32Array.from(await gw!.data());
    expect(calls.ConvWeightGrad).toBe(1);
    // What the composite would run (its one-group GEMM path: Pad, Permute, Slice, Concat, MatMul).
    for (const op of ['Conv', 'MatMul', 'Pad', 'Permute', 'Slice', 'Concat']) expect(calls[op], op).toBeUndefined();
    const want = evaluateReference([gw!])[0]!.data;
    expectWithin(got, want, () => 1e-5);
  });
});
