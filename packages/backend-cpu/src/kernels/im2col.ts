import type { ConvGeometry } from './conv-geometry.js';
import { forEachTapSegment } from './for-each-tap-segment.js';
import type { TileSegments } from './tile-segments.js';

/**
 * Fills the column tile cols[channels·prod(kernel), width] for one batch item and group: row
 * (c, k…) column j holds x[c, pos·stride − padBefore + k·dilation] for the tile's j-th output
 * position, 0 where that falls in the padding. `x` holds `channels` planes of prod(target) values
 * from `xOff`.
 */
export function im2col(
  x: Float32Array,
  xOff: number,
  channels: number,
  geo: ConvGeometry,
  tile: TileSegments,
  width: number,
  cols: Float32Array,
): void {
  const step = geo.stride[geo.stride.length - 1];
  forEachTapSegment(channels, geo, tile, (row, s, start, lo, hi) => {
    gatherRow(x, xOff + start, step, lo, hi, cols, row * width + tile.column[s], tile.length[s]);
  });
}

/**
 * cols[dst + j] = x[src + j·step] for j in [lo, hi), 0 for the rest of [0, len): one kernel tap
 * along the last axis. The row loop a WASM build replaces.
 */
function gatherRow(
  x: Float32Array,
  src: number,
  step: number,
  lo: number,
  hi: number,
  cols: Float32Array,
  dst: number,
  len: number,
): void {
  cols.fill(0, dst, dst + lo);
  if (step === 1) for (let j = lo; j < hi; j++) cols[dst + j] = x[src + j];
  else for (let j = lo; j < hi; j++) cols[dst + j] = x[src + j * step];
  cols.fill(0, dst + hi, dst + len);
}
