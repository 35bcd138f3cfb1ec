import { fromFloat16Bits, sizeOf, stridesOf, toFloat16Bits } from '@weightnorm/core';
import { describe, expect, it } from 'vitest';
import { expectWithin, forEachIndex, gemmPaths, mulberry32, randomFloats, runKernel, tensor } from '../../test/kernel-test-utils.js';
import type { CpuContext } from '../cpu-context.js';
import { conv } from './conv.js';

interface Config {
  x: number[];
  w: number[];
  bias: boolean;
  stride: number[];
  padding: [number, number][];
  dilation: number[];
  groups: number;
}

function outShape(c: Config): number[] {
  const spatial = c.x.slice(2).map((s, d) => {
    const span = c.dilation[d] * (c.w[d + 2] - 1) + 1;
    return Math.floor((s + c.padding[d][0] + c.padding[d][1] - span) / c.stride[d]) + 1;
  });
  return [c.x[0], c.w[0], ...spatial];
}

/** Direct convolution in float64, plus Σ|terms| per output for the tolerance. */
function reference(c: Config, x: Float32Array, w: Float32Array, b: Float32Array | undefined) {
  const shape = outShape(c);
  const out = new Float64Array(sizeOf(shape));
  const mag = new Float64Array(out.length);
  const [xs, ws, os] = [stridesOf(c.x), stridesOf(c.w), stridesOf(shape)];
  const cg = c.x[1] / c.groups;
  const og = c.w[0] / c.groups;
  const rank = c.x.length - 2;
  forEachIndex(shape, ([n, o, ...pos]) => {
    const g = Math.floor(o / og);
    let s = b ? b[o] : 0;
    let m = b ? Math.abs(b[o]) : 0;
    for (let ci = 0; ci < cg; ci++) {
      forEachIndex(c.w.slice(2), (k) => {
        let xo = n * xs[0] + (g * cg + ci) * xs[1];
        for (let d = 0; d < rank; d++) {
          const t = pos[d] * c.stride[d] - c.padding[d][0] + k[d] * c.dilation[d];
          if (t < 0 || t >= c.x[d + 2]) return;
          xo += t * xs[d + 2];
        }
        let wo = o * ws[0] + ci * ws[1];
        for (let d = 0; d < rank; d++) wo += k[d] * ws[d + 2];
        s += x[xo] * w[wo];
        m += Math.abs(x[xo] * w[wo]);
      });
    }
    let oo = n * os[0] + o * os[1];
    for (let d = 0; d < rank; d++) oo += pos[d] * os[d + 2];
    out[oo] = s;
    mag[oo] = m;
  });
  return { shape, out, mag };
}

function randomConfig(random: () => number, rank: number): Config {
  const pick = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const groups = pick(1, 3);
  const cg = pick(1, 3);
  const og = pick(1, 3);
  const kernel = Array.from({ length: rank }, () => pick(1, 3));
  const dilation = kernel.map(() => pick(1, 2));
  const stride = kernel.map(() => pick(1, 3));
  const padding = kernel.map((): [number, number] => [pick(0, 2), pick(0, 2)]);
  // Input at least as large as the dilated kernel, so every output axis has a position.
  const spatial = kernel.map((k, d) => dilation[d] * (k - 1) + 1 + pick(0, rank === 3 ? 3 : 6));
  return { x: [2, groups * cg, ...spatial], w: [groups * og, cg, ...kernel], bias: random() < 0.5, stride, padding, dilation, groups };
}

function runConv(c: Config, x: Float32Array, w: Float32Array, b: Float32Array | undefined, ctx: Partial<CpuContext>): Float32Array {
  const inputs = { x: tensor(x, c.x), w: tensor(w, c.w), ...(b ? { b: tensor(b, [c.w[0]]) } : {}) };
  const attrs = { stride: c.stride, padding: c.padding, dilation: c.dilation, groups: c.groups };
  return runKernel(conv, inputs, attrs, { shape: outShape(c), dtype: 'float32' }, ctx) as Float32Array;
}

describe.each(gemmPaths)('Conv kernel ($name GEMM)', ({ name, gemm }) => {
  it('computes a 1-d convolution by hand', () => {
    // x = [1, 2, 3], w = [1, 10], padding [1, 0]: [0·1 + 1·10, 1·1 + 2·10, 2·1 + 3·10] + bias 100.
    const c: Config = { x: [1, 1, 3], w: [1, 1, 2], bias: true, stride: [1], padding: [[1, 0]], dilation: [1], groups: 1 };
    const y = runConv(c, Float32Array.of(1, 2, 3), Float32Array.of(1, 10), Float32Array.of(100), { convTile: 128, gemm });
    expect([...y]).toEqual([110, 121, 132]);
  });

  it.each([1, 2, 3])('matches direct %i-d convolution on random configs (groups, stride, dilation, asymmetric padding, bias)', (rank) => {
    const random = mulberry32(100 + rank);
    for (let trial = 0; trial < 25; trial++) {
      const c = randomConfig(random, rank);
      const x = randomFloats(sizeOf(c.x), random);
      const w = randomFloats(sizeOf(c.w), random);
      const b = c.bias ? randomFloats(c.w[0], random) : undefined;
      const want = reference(c, x, w, b);
      // Tiles of 1 … 9 positions cut through rows; 128 usually covers the plane in one tile.
      for (const convTile of [1 + Math.floor(random() * 9), 128]) {
        const y = runConv(c, x, w, b, { convTile, gemm });
        // TypeScript: one float32 rounding of a float64 sum per GEMM call, and a stride-1 1-d conv
        // makes one call per tap, so up to k roundings, each within 2⁻²⁴ of the sum of |terms|.
        // WebAssembly accumulates in float32: one rounding per term (γₙ·Σ|terms|), as torch's GEMM,
        // plus one per tap for adding onto the output.
        const taps = sizeOf(c.w.slice(2));
        const terms = name === 'wasm' ? (c.x[1] / c.groups) * taps + taps + 1 : taps;
        expectWithin(y, want.out, (i) => want.mag[i] * terms * 2 ** -23 + 1e-30);
      }
    }
  });

  it('runs a stride-1 1-d conv as one GEMM per tap over the whole output row (no column tiles)', () => {
    const c: Config = { x: [2, 6, 40], w: [4, 3, 3], bias: true, stride: [1], padding: [[3, 3]], dilation: [3], groups: 2 };
    const random = mulberry32(77);
    const [x, w, b] = [randomFloats(sizeOf(c.x), random), randomFloats(sizeOf(c.w), random), randomFloats(4, random)];
    const calls: number[][] = [];
    const spy: typeof gemm = (m, n, k, ...rest) => {
      calls.push([m, n, k]);
      gemm(m, n, k, ...rest);
    };
    const y = runConv(c, x, w, b, { convTile: 4, gemm: spy });
    // batch 2 × groups 2 × 3 taps; tap 1 sees every position, taps 0 and 2 lose the 3 the padding adds.
    expect(calls).toHaveLength(12);
    expect(calls.slice(0, 3)).toEqual([[2, 37, 3], [2, 40, 3], [2, 37, 3]]);
    const want = reference(c, x, w, b);
    expectWithin(y, want.out, (i) => want.mag[i] * 16 * 2 ** -23 + 1e-30);
  });

  it('handles a zero-size batch and zero output channels', () => {
    const c: Config = { x: [0, 2, 5], w: [3, 2, 2], bias: true, stride: [1], padding: [[0, 0]], dilation: [1], groups: 1 };
    expect(runConv(c, new Float32Array(0), new Float32Array(12), new Float32Array(3), { convTile: 4, gemm }).length).toBe(0);
    const d: Config = { x: [2, 2, 5], w: [0, 2, 2], bias: false, stride: [1], padding: [[0, 0]], dilation: [1], groups: 1 };
    expect(runConv(d, new Float32Array(20), new Float32Array(0), undefined, { convTile: 4, gemm }).length).toBe(0);
  });

  it('rounds a float16 convolution once from the float32 result', () => {
    const random = mulberry32(3);
    const c = randomConfig(random, 2);
    const x = toFloat16Bits(Array.from({ length: sizeOf(c.x) }, () => random() * 4 - 2));
    const w = toFloat16Bits(Array.from({ length: sizeOf(c.w) }, () => random() * 4 - 2));
    const inputs = { x: tensor(x, c.x, 'float16'), w: tensor(w, c.w, 'float16') };
    const attrs = { stride: c.stride, padding: c.padding, dilation: c.dilation, groups: c.groups };
    const y = runKernel(conv, inputs, attrs, { shape: outShape(c), dtype: 'float16' }, { convTile: 5, gemm }) as Uint16Array;
    const y32 = runConv(c, fromFloat16Bits(x), fromFloat16Bits(w), undefined, { convTile: 5, gemm });
    expect(y).toBeInstanceOf(Uint16Array);
    expect([...y]).toEqual([...toFloat16Bits(y32)]);
  });
});
