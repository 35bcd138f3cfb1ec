import { ShapeError } from '../errors/index.js';

/**
 * A tensor's sizes, outermost axis first; `[]` is a 0-d tensor.
 *
 * @example
 * const s: Shape = [1, 80, 100]; // batch, channels, time
 */
export type Shape = readonly number[];

/**
 * Number of elements; 1 for a 0-d tensor.
 *
 * @example
 * sizeOf([2, 3, 4]); // 24
 */
export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/**
 * Row-major strides in elements.
 *
 * @example
 * stridesOf([2, 3, 4]); // [12, 4, 1]
 */
export function stridesOf(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let s = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = s;
    s *= shape[i]!;
  }
  return strides;
}

/**
 * Whether two shapes have the same rank and sizes.
 *
 * @example
 * sameShape([2, 3], [2, 3]); // true
 */
export function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/**
 * Throws a ShapeError unless every entry is a non-negative safe integer.
 *
 * @example
 * const dims = checkShape(shape, 'zeros'); // throws ShapeError for [2, -1]
 */
export function checkShape(shape: unknown, op: string, argument = 'shape'): number[] {
  if (
    !Array.isArray(shape) ||
    !shape.every((d) => typeof d === 'number' && Number.isSafeInteger(d) && d >= 0) ||
    !Number.isSafeInteger(shape.reduce((a: number, d: number) => a * d, 1))
  ) {
    throw new ShapeError({ op, argument, allowed: 'an array of non-negative integers', received: shape });
  }
  return shape as number[];
}

/**
 * Formats a shape the way torch prints sizes, for messages.
 *
 * @example
 * formatShape([1, 80, 100]); // '[1, 80, 100]'
 */
export function formatShape(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}
