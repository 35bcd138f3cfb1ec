import { defineKernel, float32ToFloat16Bits, sizeOf, stridesOf, type DType, type PadMode } from '@weightnorm/core';
import type { CpuContext } from '../cpu-context.js';
import type { CpuStorage } from '../cpu-storage.js';
import { allocStorage } from './float-view.js';
import { nextIndex } from './next-index.js';

/**
 * For each output index along one axis, the input index it copies, or −1 for the fill value,
 * following torch's F.pad: reflect mirrors about the edge without repeating it, replicate clamps
 * to the edge, circular wraps around.
 */
function sourceIndices(size: number, before: number, outSize: number, mode: PadMode): Int32Array {
  const map = new Int32Array(outSize);
  for (let i = 0; i < outSize; i++) {
    const j = i - before;
    if (j >= 0 && j < size) map[i] = j;
    else if (mode === 'constant') map[i] = -1;
    else if (mode === 'reflect') map[i] = j < 0 ? -j : 2 * (size - 1) - j;
    else if (mode === 'replicate') map[i] = j < 0 ? 0 : size - 1;
    else map[i] = ((j % size) + size) % size;
  }
  return map;
}

/**
 * The constant-mode value as stored in `dtype`: truncated for int32; for float16 rounded through
 * float32 first, as torch converts the double scalar (double → float → half).
 */
function storedFill(value: number, dtype: DType): number {
  return dtype === 'float16' ? float32ToFloat16Bits(Math.fround(value)) : value;
}

/**
 * Pads each axis by pads[axis] = [before, after]. Every output row takes its outer input offset
 * from the per-axis source maps; a row whose outer index falls in constant padding is all fill.
 */
export const pad = defineKernel<'Pad', CpuStorage, CpuContext>('Pad', (ctx, { x }, { pads, mode, value }, out) => {
  const size = sizeOf(out.shape);
  const y = allocStorage(ctx, out.dtype, size);
  const rank = out.shape.length;
  if (size === 0) return y;
  if (rank === 0) {
    y[0] = x.storage[0];
    return y;
  }
  const fill = storedFill(value, out.dtype);
  const maps = out.shape.map((n, d) => sourceIndices(x.shape[d], pads[d][0], n, mode));
  const xStrides = stridesOf(x.shape);
  const last = rank - 1;
  const rowLength = out.shape[last];
  const outer = out.shape.slice(0, last);
  const index = new Array<number>(last).fill(0);
  for (let row = 0; row < size / rowLength; row++) {
    let base = 0;
    for (let d = 0; d < last && base >= 0; d++) {
      const j = maps[d][index[d]];
      base = j < 0 ? -1 : base + j * xStrides[d];
    }
    if (base < 0) y.fill(fill, row * rowLength, (row + 1) * rowLength);
    else padRow(x.storage, base, maps[last], fill, y, row * rowLength);
    nextIndex(index, outer);
  }
  return y;
});

/** y[yo + i] = x[base + map[i]], or `fill` where map[i] is −1: one output row along the last axis. */
function padRow(x: CpuStorage, base: number, map: Int32Array, fill: number, y: CpuStorage, yo: number): void {
  for (let i = 0; i < map.length; i++) {
    const j = map[i];
    y[yo + i] = j < 0 ? fill : x[base + j];
  }
}
