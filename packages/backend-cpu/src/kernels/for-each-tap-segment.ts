import { stridesOf } from '@weightnorm/core';
import type { ConvGeometry } from './conv-geometry.js';
import { nextIndex } from './next-index.js';
import type { TileSegments } from './tile-segments.js';

/**
 * Visits the rows of a column tile, (channel, kernel tap) in row-major order, and within each row
 * every tile segment, with where that segment meets the target: its column j lands on target
 * element `start + j·stride` along the last axis, counted from the first of `channels` target
 * planes, and only columns in [lo, hi) land inside the target; the rest fall in the padding.
 */
export function forEachTapSegment(
  channels: number,
  geo: ConvGeometry,
  tile: TileSegments,
  visit: (row: number, segment: number, start: number, lo: number, hi: number) => void,
): void {
  const { target, kernel, stride, dilation, padBefore } = geo;
  const rank = kernel.length;
  const inner = rank - 1;
  const size = target[inner];
  const step = stride[inner];
  const plane = target.reduce((p, s) => p * s, 1);
  const taps = kernel.reduce((p, s) => p * s, 1);
  const targetStrides = stridesOf(target);
  const k = new Array<number>(rank).fill(0);
  let row = 0;
  for (let c = 0; c < channels; c++) {
    k.fill(0);
    for (let tap = 0; tap < taps; tap++, row++) {
      segments: for (let s = 0; s < tile.count; s++) {
        let off = c * plane;
        for (let d = 0; d < inner; d++) {
          const t = tile.outer[s * inner + d] * stride[d] - padBefore[d] + k[d] * dilation[d];
          if (t < 0 || t >= target[d]) {
            visit(row, s, 0, 0, 0);
            continue segments;
          }
          off += t * targetStrides[d];
        }
        const len = tile.length[s];
        const t0 = tile.last[s] * step - padBefore[inner] + k[inner] * dilation[inner];
        const lo = t0 >= 0 ? 0 : Math.min(len, Math.ceil(-t0 / step));
        const hi = Math.max(lo, t0 >= size ? 0 : Math.min(len, Math.floor((size - 1 - t0) / step) + 1));
        visit(row, s, off + t0, lo, hi);
      }
      nextIndex(k, kernel);
    }
  }
}
