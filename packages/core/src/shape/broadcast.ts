import { ShapeError } from '../errors/index.js';
import { formatShape, type Shape } from './shape.js';

/**
 * numpy/torch broadcasting: align trailing axes; each pair must be equal or contain a 1.
 *
 * @example
 * broadcastShapes([2, 1], [3]); // [2, 3]
 */
export function broadcastShapes(a: Shape, b: Shape, op = 'broadcast'): number[] {
  const n = Math.max(a.length, b.length);
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const da = a[a.length - n + i] ?? 1;
    const db = b[b.length - n + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) {
      throw new ShapeError({
        op,
        argument: 'other',
        allowed: `a shape broadcastable with ${formatShape(a)}`,
        received: [...b],
      });
    }
    out[i] = da === 1 ? db : da;
  }
  return out;
}

/**
 * Left-pads a shape with 1s to `rank` axes, which is how broadcasting aligns shapes.
 *
 * @example
 * padShapeLeft([3], 3); // [1, 1, 3]
 */
export function padShapeLeft(shape: Shape, rank: number): number[] {
  return [...new Array<number>(rank - shape.length).fill(1), ...shape];
}
