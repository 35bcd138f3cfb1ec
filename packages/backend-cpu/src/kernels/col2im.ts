import type { ConvGeometry } from './conv-geometry.js';
import { forEachTapSegment } from './for-each-tap-segment.js';
import type { TileSegments } from './tile-segments.js';

/**
 * The adjoint of im2col: adds column tile cols[channels·prod(kernel), width] into `out`, which
 * holds `channels` planes of prod(target) values from `outOff`. Row (c, k…) column j lands on
 * out[c, pos·stride − padBefore + k·dilation] for the tile's j-th input position; positions
 * outside the target are the cropped padding and are dropped.
 */
export function col2im(
  cols: Float32Array,
  width: number,
  channels: number,
  geo: ConvGeometry,
  tile: TileSegments,
  out: Float32Array,
  outOff: number,
): void {
  const step = geo.stride[geo.stride.length - 1];
  forEachTapSegment(channels, geo, tile, (row, s, start, lo, hi) => {
    scatterRow(cols, row * width + tile.column[s], out, outOff + start, step, lo, hi);
  });
}

/**
 * out[dst + j·step] += cols[src + j] for j in [lo, hi): one kernel tap along the last axis. The
 * row loop a WASM build replaces.
 */
function scatterRow(cols: Float32Array, src: number, out: Float32Array, dst: number, step: number, lo: number, hi: number): void {
  for (let j = lo; j < hi; j++) out[dst + j * step] += cols[src + j];
}
