import { sizeOf } from '@weightnorm/core';
import type { CpuContext } from '../cpu-context.js';
import { tileSegments, type TileSegments } from './tile-segments.js';
import { tileWidth } from './tile-width.js';

/**
 * Conv's tiled walk (im2col + GEMM, for the convolutions that are not stride-1 1-d): `grid` in
 * tiles of at most ctx.convTile positions, and per tile each batch item and group. `step` gets one
 * column buffer of depth × width floats, reused throughout, so the columns never hold the whole
 * image.
 */
export function forEachConvTile(
  ctx: CpuContext,
  grid: readonly number[],
  depth: number,
  batch: number,
  groups: number,
  step: (cols: Float32Array, tile: TileSegments, start: number, width: number, n: number, g: number) => void,
): void {
  const positions = sizeOf(grid);
  const width = tileWidth(ctx.convTile, depth, positions);
  // In the WebAssembly heap when it can be, so the GEMM reads (or writes) the columns in place.
  const cols = ctx.alloc(depth * width);
  try {
    for (let p0 = 0; p0 < positions; p0 += width) {
      const tw = Math.min(width, positions - p0);
      const tile = tileSegments(grid, p0, tw);
      for (let n = 0; n < batch; n++) {
        for (let g = 0; g < groups; g++) step(cols, tile, p0, tw, n, g);
      }
    }
  } finally {
    ctx.free(cols);
  }
}
