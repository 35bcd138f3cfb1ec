import { fromFloat16Bits, sizeOf, stridesOf, toFloat16Bits } from '@weightnorm/core';
import { describe, expect, it } from 'vitest';
import { expectWithin, forEachIndex, gemmPaths, mulberry32, randomFloats, runKernel, tensor, wasmRuntime } from '../../test/kernel-test-utils.js';
import type { CpuContext } from '../cpu-context.js';
import { convTranspose } from './conv-transpose.js';

interface Config {
  x: number[];
  /** torch's transposed layout [Cin, O/groups, *k]. */
  w: number[];
  bias: boolean;
  stride: number[];
  padding: number[];
  outputPadding: number[];
  dilation: number[];
  groups: number;
}

/** S' = (S − 1)·stride − 2·padding + dilation·(k − 1) + outputPadding + 1, as in ops.ts. */
function outShape(c: Config): number[] {
  const spatial = c.x.slice(2).map(
    (s, d) => (s - 1) * c.stride[d] - 2 * c.padding[d] + c.dilation[d] * (c.w[d + 2] - 1) + c.outputPadding[d] + 1,
  );
  return [c.x[0], c.w[1] * c.groups, ...spatial];
}

/** Direct transposed convolution in float64: every input element scatters x·w into its window. */
function reference(c: Config, x: Float32Array, w: Float32Array, b: Float32Array | undefined) {
  const shape = outShape(c);
  const out = new Float64Array(sizeOf(shape));
  const mag = new Float64Array(out.length);
  const [ws, os] = [stridesOf(c.w), stridesOf(shape)];
  const cg = c.x[1] / c.groups;
  const og = c.w[1];
  const rank = c.x.length - 2;
  if (b) forEachIndex(shape, ([n, o, ...pos]) => {
    let oo = n * os[0] + o * os[1];
    for (let d = 0; d < rank; d++) oo += pos[d] * os[d + 2];
    out[oo] = b[o];
    mag[oo] = Math.abs(b[o]);
  });
  let xi = 0;
  forEachIndex(c.x, ([n, ci, ...pos]) => {
    const v = x[xi++];
    const g = Math.floor(ci / cg);
    for (let j = 0; j < og; j++) {
      forEachIndex(c.w.slice(2), (k) => {
        let oo = n * os[0] + (g * og + j) * os[1];
        for (let d = 0; d < rank; d++) {
          const y = pos[d] * c.stride[d] - c.padding[d] + k[d] * c.dilation[d];
          if (y < 0 || y >= shape[d + 2]) return;
          oo += y * os[d + 2];
        }
        let wo = ci * ws[0] + j * ws[1];
        for (let d = 0; d < rank; d++) wo += k[d] * ws[d + 2];
        out[oo] += v * w[wo];
        mag[oo] += Math.abs(v * w[wo]);
      });
    }
  });
  return { shape, out, mag };
}

function randomConfig(random: () => number, rank: number): Config {
  const pick = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const groups = pick(1, 3);
  const kernel = Array.from({ length: rank }, () => pick(1, 3));
  const stride = kernel.map(() => pick(1, 3));
  const dilation = kernel.map(() => pick(1, 2));
  // torch requires outputPadding < max(stride, dilation); padding may crop into the kernel span.
  const outputPadding = kernel.map((_, d) => pick(0, Math.max(stride[d], dilation[d]) - 1));
  const padding = kernel.map((k, d) => pick(0, Math.floor((dilation[d] * (k - 1)) / 2)));
  const spatial = kernel.map(() => pick(1, rank === 3 ? 4 : 6));
  return {
    x: [2, groups * pick(1, 3), ...spatial],
    w: [0, pick(1, 3), ...kernel],
    bias: random() < 0.5,
    stride,
    padding,
    outputPadding,
    dilation,
    groups,
  };
}

function runConvTranspose(c: Config, x: Float32Array, w: Float32Array, b: Float32Array | undefined, ctx: Partial<CpuContext>): Float32Array {
  const inputs = { x: tensor(x, c.x), w: tensor(w, c.w), ...(b ? { b: tensor(b, [c.w[1] * c.groups]) } : {}) };
  const { stride, padding, outputPadding, dilation, groups } = c;
  return runKernel(convTranspose, inputs, { stride, padding, outputPadding, dilation, groups }, { shape: outShape(c), dtype: 'float32' }, ctx) as Float32Array;
}

describe.each(gemmPaths)('ConvTranspose kernel ($name GEMM)', ({ name, gemm }) => {
  it('computes a strided 1-d transposed convolution by hand', () => {
    // x = [1, 2], w = [1, 10, 100], stride 2: 1·w at 0..2 plus 2·w at 2..4.
    const c: Config = { x: [1, 1, 2], w: [1, 1, 3], bias: false, stride: [2], padding: [0], outputPadding: [0], dilation: [1], groups: 1 };
    const y = runConvTranspose(c, Float32Array.of(1, 2), Float32Array.of(1, 10, 100), undefined, { convTile: 1, gemm });
    expect([...y]).toEqual([1, 10, 102, 20, 200]);
    // padding 1 crops one position from each end; outputPadding 1 adds one back at the end.
    const cropped = { ...c, padding: [1], outputPadding: [1] };
    expect([...runConvTranspose(cropped, Float32Array.of(1, 2), Float32Array.of(1, 10, 100), undefined, { convTile: 1, gemm })]).toEqual([10, 102, 20, 200]);
  });

  it.each([1, 2, 3])(
    'matches direct %i-d transposed convolution on random configs (groups, stride, dilation, padding, outputPadding, bias)',
    (rank) => {
      const random = mulberry32(200 + rank);
      for (let trial = 0; trial < 25; trial++) {
        const c = randomConfig(random, rank);
        c.w[0] = c.x[1];
        const x = randomFloats(sizeOf(c.x), random);
        const w = randomFloats(sizeOf(c.w), random);
        const b = c.bias ? randomFloats(c.w[1] * c.groups, random) : undefined;
        const want = reference(c, x, w, b);
        for (const convTile of [1 + Math.floor(random() * 7), 128]) {
          const y = runConvTranspose(c, x, w, b, { convTile, gemm });
          // col2im adds each tap into float32, so allow one rounding per kernel tap; the
          // WebAssembly GEMM also rounds once per input channel it sums (float32 accumulation).
          const taps = sizeOf(c.w.slice(2)) + 1 + (name === 'wasm' ? c.x[1] / c.groups : 0);
          expectWithin(y, want.out, (i) => want.mag[i] * taps * 2 ** -23 + 1e-30);
        }
      }
    },
  );

  it.each([
    ['1-d, long rows in tiles, groups', { x: [2, 6, 300], w: [6, 5, 7], bias: true, stride: [3], padding: [4], outputPadding: [2], dilation: [2], groups: 2 }],
    ['1-d, HiFi-GAN-like upsampler', { x: [1, 16, 130], w: [16, 8, 16], bias: true, stride: [8], padding: [4], outputPadding: [0], dilation: [1], groups: 1 }],
    ['2-d, cropped rows', { x: [1, 4, 9, 70], w: [4, 3, 3, 4], bias: false, stride: [2, 3], padding: [2, 1], outputPadding: [1, 0], dilation: [2, 1], groups: 1 }],
  ] as [string, Config][])('matches direct transposed convolution with operands in the heap (%s)', (_, c) => {
    const random = mulberry32(c.x[2]);
    const heap = wasmRuntime!.heap;
    // Where the backend keeps uploaded tensors, so the weight relayout and the GEMMs run in place.
    const inHeap = (values: Float32Array) => {
      const a = heap.f32(values.length, false)!;
      a.set(values);
      return a;
    };
    const x = inHeap(randomFloats(sizeOf(c.x), random));
    const w = inHeap(randomFloats(sizeOf(c.w), random));
    const b = c.bias ? randomFloats(c.w[1] * c.groups, random) : undefined;
    const want = reference(c, x, w, b);
    const y = runConvTranspose(c, x, w, b, { convTile: 64, gemm });
    const taps = sizeOf(c.w.slice(2)) + 1 + (name === 'wasm' ? c.x[1] / c.groups : 0);
    expectWithin(y, want.out, (i) => want.mag[i] * taps * 2 ** -23 + 1e-30);
    for (const a of [x, w, y]) heap.release(a);
  });

  it('handles a zero-size batch', () => {
    const c: Config = { x: [0, 2, 3], w: [2, 2, 2], bias: true, stride: [2], padding: [0], outputPadding: [1], dilation: [1], groups: 1 };
    expect(runConvTranspose(c, new Float32Array(0), new Float32Array(8), new Float32Array(2), { convTile: 4, gemm }).length).toBe(0);
  });

  it('rounds a float16 transposed convolution once from the float32 result', () => {
    const random = mulberry32(4);
    const c = randomConfig(random, 2);
    c.w[0] = c.x[1];
    const x = toFloat16Bits(Array.from({ length: sizeOf(c.x) }, () => random() * 4 - 2));
    const w = toFloat16Bits(Array.from({ length: sizeOf(c.w) }, () => random() * 4 - 2));
    const b = toFloat16Bits(Array.from({ length: c.w[1] * c.groups }, () => random() * 4 - 2));
    const { stride, padding, outputPadding, dilation, groups } = c;
    const y = runKernel(
      convTranspose,
      { x: tensor(x, c.x, 'float16'), w: tensor(w, c.w, 'float16'), b: tensor(b, [b.length], 'float16') },
      { stride, padding, outputPadding, dilation, groups },
      { shape: outShape(c), dtype: 'float16' },
      { convTile: 3, gemm },
    ) as Uint16Array;
    const y32 = runConvTranspose(c, fromFloat16Bits(x), fromFloat16Bits(w), fromFloat16Bits(b), { convTile: 3, gemm });
    expect([...y]).toEqual([...toFloat16Bits(y32)]);
  });
});
