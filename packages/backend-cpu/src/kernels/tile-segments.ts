/**
 * A tile of consecutive row-major grid positions, cut into runs along the last spatial axis.
 * Within a run only the last coordinate moves, so im2col handles each run as one strided row
 * instead of decoding every position.
 */
export interface TileSegments {
  readonly count: number;
  /** Column of the run's first position within the tile. */
  readonly column: Int32Array;
  readonly length: Int32Array;
  /** The run's first coordinate on the last axis. */
  readonly last: Int32Array;
  /** The run's other coordinates, `count × (rank − 1)`. */
  readonly outer: Int32Array;
}

/** Splits grid positions [start, start + width) of a row-major `grid` into last-axis runs. */
export function tileSegments(grid: readonly number[], start: number, width: number): TileSegments {
  const rank = grid.length;
  const lastSize = grid[rank - 1];
  const count = width === 0 ? 0 : Math.floor((start + width - 1) / lastSize) - Math.floor(start / lastSize) + 1;
  const column = new Int32Array(count);
  const length = new Int32Array(count);
  const last = new Int32Array(count);
  const outer = new Int32Array(count * (rank - 1));
  let p = start;
  for (let s = 0; s < count; s++) {
    const row = Math.floor(p / lastSize);
    last[s] = p - row * lastSize;
    column[s] = p - start;
    length[s] = Math.min(lastSize - last[s], start + width - p);
    let rest = row;
    for (let d = rank - 2; d >= 0; d--) {
      const q = Math.floor(rest / grid[d]);
      outer[s * (rank - 1) + d] = rest - q * grid[d];
      rest = q;
    }
    p += length[s];
  }
  return { count, column, length, last, outer };
}
