import { ShapeError } from '../errors/index.js';

/**
 * An int or one int per spatial axis, as torch layers accept (`kernel_size=3` or `(3, 1)`).
 *
 * @example
 * const stride: IntOrTuple = [2, 1];
 */
export type IntOrTuple = number | readonly number[];

/**
 * Expands an int-or-tuple argument to one positive (or non-negative) int per spatial axis.
 *
 * @example
 * expandArg(2, 1, 2, { op: 'conv2d', argument: 'stride', min: 1 }); // [2, 2]
 * expandArg([3, 1], 1, 2, { op: 'conv2d', argument: 'kernelSize', min: 1 }); // [3, 1]
 * expandArg(undefined, 1, 2, { op: 'conv2d', argument: 'dilation', min: 1 }); // [1, 1]: the fallback
 */
export function expandArg(
  value: IntOrTuple | undefined,
  fallback: number,
  spatial: number,
  where: { op: string; argument: string; min: number },
): number[] {
  const v = value ?? fallback;
  const list = typeof v === 'number' ? new Array<number>(spatial).fill(v) : [...v];
  if (list.length !== spatial || !list.every((n) => Number.isInteger(n) && n >= where.min)) {
    throw new ShapeError({
      op: where.op,
      argument: where.argument,
      allowed: `an integer ≥ ${where.min} or ${spatial} such integers`,
      received: value,
    });
  }
  return list;
}

/**
 * Convolution padding: one int for every spatial axis, one int per axis, [before, after] pairs per
 * axis, or torch's 'same' / 'valid'.
 *
 * @example
 * const p: ConvPadding = [[1, 2]]; // asymmetric, one spatial axis
 */
export type ConvPadding = IntOrTuple | 'same' | 'valid' | readonly (readonly [number, number])[];

/**
 * Resolves conv padding to [before, after] per spatial axis. 'same' follows torch: the total
 * dilation·(k−1) is split with the smaller half before, so an even kernel pads one more after.
 *
 * @example
 * resolveConvPadding(1, [3], [1], [1], 'conv1d'); // [[1, 1]]
 * resolveConvPadding('same', [4], [1], [1], 'conv1d'); // [[1, 2]]: an even kernel pads one more after
 */
export function resolveConvPadding(
  padding: ConvPadding | undefined,
  kernel: readonly number[],
  dilation: readonly number[],
  stride: readonly number[],
  op: string,
): [number, number][] {
  const spatial = kernel.length;
  if (padding === 'valid') return kernel.map(() => [0, 0]);
  if (padding === 'same') {
    if (stride.some((s) => s !== 1)) {
      throw new ShapeError({ op, argument: 'padding', allowed: "'same' only with stride 1 (as in torch)", received: `stride [${stride.join(', ')}]` });
    }
    return kernel.map((k, i) => {
      const total = dilation[i]! * (k - 1);
      return [Math.floor(total / 2), total - Math.floor(total / 2)];
    });
  }
  if (Array.isArray(padding) && padding.length > 0 && Array.isArray(padding[0])) {
    const pairs = padding as readonly (readonly [number, number])[];
    if (pairs.length !== spatial || !pairs.every((p) => p.length === 2 && p.every((n) => Number.isInteger(n) && n >= 0))) {
      throw new ShapeError({ op, argument: 'padding', allowed: `${spatial} pairs [before, after] of integers ≥ 0`, received: padding });
    }
    return pairs.map((p) => [p[0], p[1]]);
  }
  return expandArg(padding as IntOrTuple | undefined, 0, spatial, { op, argument: 'padding', min: 0 }).map((p) => [p, p]);
}
