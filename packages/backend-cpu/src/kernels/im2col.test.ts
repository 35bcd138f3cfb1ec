import { sizeOf, stridesOf } from '@weightnorm/core';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../test/kernel-test-utils.js';
import type { ConvGeometry } from './conv-geometry.js';
import { im2col } from './im2col.js';
import { tileSegments } from './tile-segments.js';

/** The value im2col must put in row (c, tap), column p: x at grid·stride − pad + k·dilation, or 0. */
function expected(x: Float32Array, channels: number, geo: ConvGeometry, c: number, tap: number, p: number): number {
  const rank = geo.kernel.length;
  const k = new Array<number>(rank);
  const g = new Array<number>(rank);
  for (let d = rank - 1, kr = tap, pr = p; d >= 0; d--) {
    k[d] = kr % geo.kernel[d];
    kr = Math.floor(kr / geo.kernel[d]);
    g[d] = pr % geo.grid[d];
    pr = Math.floor(pr / geo.grid[d]);
  }
  const strides = stridesOf(geo.target);
  let off = c * sizeOf(geo.target);
  for (let d = 0; d < rank; d++) {
    const t = g[d] * geo.stride[d] - geo.padBefore[d] + k[d] * geo.dilation[d];
    if (t < 0 || t >= geo.target[d]) return 0;
    off += t * strides[d];
  }
  return x[off];
}

function randomGeometry(random: () => number, rank: number): ConvGeometry {
  const pick = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const target = Array.from({ length: rank }, () => pick(1, 7));
  const kernel = target.map(() => pick(1, 3));
  const stride = target.map(() => pick(1, 3));
  const dilation = target.map(() => pick(1, 2));
  const padBefore = kernel.map(() => pick(0, 2));
  const padAfter = kernel.map(() => pick(0, 2));
  const grid = target.map((s, d) => {
    const n = Math.floor((s + padBefore[d] + padAfter[d] - dilation[d] * (kernel[d] - 1) - 1) / stride[d]) + 1;
    return Math.max(n, 1);
  });
  return { grid, target, kernel, stride, dilation, padBefore };
}

describe('im2col', () => {
  it('lays out a padded 1-d window by hand', () => {
    // x = [1, 2, 3, 4], kernel 3, stride 2, pad 1 → output positions 0, 1 read x[-1..1], x[1..3].
    const geo: ConvGeometry = { grid: [2], target: [4], kernel: [3], stride: [2], dilation: [1], padBefore: [1] };
    const cols = new Float32Array(6).fill(NaN);
    im2col(Float32Array.of(1, 2, 3, 4), 0, 1, geo, tileSegments([2], 0, 2), 2, cols);
    expect([...cols]).toEqual([0, 2, 1, 3, 2, 4]);
  });

  it.each([1, 2, 3])('matches the definition on random %i-d geometries, tile by tile', (rank) => {
    const random = mulberry32(rank * 17);
    for (let trial = 0; trial < 20; trial++) {
      const geo = randomGeometry(random, rank);
      const channels = 1 + Math.floor(random() * 3);
      const x = Float32Array.from({ length: channels * sizeOf(geo.target) + 5 }, () => random());
      const taps = sizeOf(geo.kernel);
      const positions = sizeOf(geo.grid);
      const width = 1 + Math.floor(random() * 9);
      for (let p0 = 0; p0 < positions; p0 += width) {
        const tw = Math.min(width, positions - p0);
        const cols = new Float32Array(channels * taps * tw).fill(NaN);
        // Offset 5 into x checks xOff is honoured.
        const shifted = Float32Array.of(...new Array<number>(5).fill(-1), ...x);
        im2col(shifted, 5, channels, geo, tileSegments(geo.grid, p0, tw), tw, cols);
        for (let c = 0; c < channels; c++) {
          for (let tap = 0; tap < taps; tap++) {
            for (let j = 0; j < tw; j++) {
              expect(cols[(c * taps + tap) * tw + j]).toBe(expected(x, channels, geo, c, tap, p0 + j));
            }
          }
        }
      }
    }
  });
});
