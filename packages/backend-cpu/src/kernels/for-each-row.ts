import type { Shape } from '@weightnorm/core';

/**
 * Called once per row (a run along the innermost merged axis) with each operand's element offset
 * at the row's start. `offsets` is reused between calls; `length` and `inner` (each operand's
 * stride along the row) are the same for every call.
 */
export type RowVisitor = (offsets: readonly number[], length: number, inner: readonly number[]) => void;

/**
 * Walks `shape` row by row for several strided operands at once (an output is just an operand
 * with row-major strides). Size-1 axes are dropped and neighbours every operand can read as one
 * axis are merged first, so broadcasting a [N, C, 1, 1] bias over [N, C, H, W] runs rows of H·W,
 * and same-shape operands run as a single row.
 */
export function forEachRow(shape: Shape, strides: readonly (readonly number[])[], visit: RowVisitor): void {
  let total = 1;
  for (const d of shape) total *= d;
  if (total === 0) return;

  const dims: number[] = [];
  const merged: number[][] = strides.map(() => []);
  for (let d = 0; d < shape.length; d++) {
    const n = shape[d];
    if (n === 1) continue;
    const last = dims.length - 1;
    if (last >= 0 && strides.every((s, k) => merged[k][last] === s[d] * n)) {
      dims[last] = dims[last] * n;
      strides.forEach((s, k) => (merged[k][last] = s[d]));
    } else {
      dims.push(n);
      strides.forEach((s, k) => merged[k].push(s[d]));
    }
  }

  const offsets = strides.map(() => 0);
  if (dims.length === 0) {
    visit(offsets, 1, offsets.slice());
    return;
  }
  const outer = dims.length - 1;
  const length = dims[outer];
  const inner = merged.map((s) => s[outer]);
  const index = new Array<number>(outer).fill(0);
  const rows = total / length;
  for (let r = 0; r < rows; r++) {
    visit(offsets, length, inner);
    for (let d = outer - 1; d >= 0; d--) {
      if (++index[d] < dims[d]) {
        for (let k = 0; k < offsets.length; k++) offsets[k] += merged[k][d];
        break;
      }
      index[d] = 0;
      for (let k = 0; k < offsets.length; k++) offsets[k] -= merged[k][d] * (dims[d] - 1);
    }
  }
}
