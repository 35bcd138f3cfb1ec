/**
 * A reference tensor: float64 values, row-major. References are plain loops over these, written
 * independently of core's ops so a core bug cannot hide in both sides of a comparison.
 *
 * @example
 * const x: NdArray = nd([2, 3]); // six float64 zeros
 */
export interface NdArray {
  readonly shape: readonly number[];
  readonly data: Float64Array;
}

export function sizeOfShape(shape: readonly number[]): number {
  return shape.reduce((n, d) => n * d, 1);
}

/**
 * A float64 n-d array for the reference interpreter and `checkGradients` (zeros when `data` is
 * omitted); throws when `data` does not have the shape's element count.
 *
 * @example
 * const x = nd([2, 2], [1, 2, 3, 4]);
 */
export function nd(shape: readonly number[], data?: ArrayLike<number>): NdArray {
  const size = sizeOfShape(shape);
  const values = data ? Float64Array.from(data) : new Float64Array(size);
  if (values.length !== size) throw new Error(`reference: ${values.length} values for shape [${shape.join(', ')}]`);
  return { shape: [...shape], data: values };
}

/** Per-axis coordinates of a flat row-major index. */
export function unravel(index: number, shape: readonly number[]): number[] {
  const coords = new Array<number>(shape.length);
  for (let i = shape.length - 1; i >= 0; i--) {
    coords[i] = index % shape[i]!;
    index = Math.floor(index / shape[i]!);
  }
  return coords;
}

/** Every coordinate tuple of `shape`, row-major. */
export function allCoords(shape: readonly number[]): number[][] {
  const n = sizeOfShape(shape);
  const out: number[][] = [];
  for (let i = 0; i < n; i++) out.push(unravel(i, shape));
  return out;
}

/** Flat index of `coords` in a row-major array of `shape`. */
export function offsetOf(coords: readonly number[], shape: readonly number[]): number {
  let off = 0;
  for (let i = 0; i < shape.length; i++) off = off * shape[i]! + coords[i]!;
  return off;
}
