import type { BinaryOp, UnaryOp } from '../backend/ops.js';
import { isFloating, promoteTypes, type DType } from '../dtype/dtype.js';
import { Tensor } from '../ir/tensor.js';
import { broadcastShapes, padShapeLeft } from '../shape/broadcast.js';
import { cast } from './cast.js';
import { scalar } from './create.js';
import { reshape } from './movement.js';

/** A JS number next to a tensor takes the tensor's dtype, as a Python scalar does in torch. */
function scalarFor(value: number, like: DType): Tensor {
  if (like === 'int32' && !Number.isInteger(value)) return scalar(value, 'float32');
  return scalar(value, like);
}

function asPair(a: Tensor | number, b: Tensor | number): [Tensor, Tensor] {
  const ta = a instanceof Tensor ? a : scalarFor(a, (b as Tensor).dtype);
  const tb = b instanceof Tensor ? b : scalarFor(b, ta.dtype);
  return [ta, tb];
}

/** Reshapes (a view) to `rank` axes by adding leading 1s. */
function toRank(t: Tensor, rank: number): Tensor {
  return t.ndim === rank ? t : reshape(t, padShapeLeft(t.shape, rank));
}

export function unary(op: UnaryOp, x: Tensor): Tensor {
  return new Tensor(op, [x], {}, x.shape, x.dtype);
}

/** Unary math defined on floats: an int32 input is converted to float32 first, as torch does. */
export function floatUnary(op: UnaryOp, x: Tensor): Tensor {
  return unary(op, isFloating(x.dtype) ? x : cast(x, 'float32'));
}

/**
 * Elementwise binary op with torch broadcasting and dtype promotion.
 * Comparisons (Greater, Less, Equal) return 1/0 in the promoted dtype (there is no bool dtype).
 */
export function binary(op: BinaryOp, a: Tensor | number, b: Tensor | number): Tensor {
  let [ta, tb] = asPair(a, b);
  const dtype = promoteTypes(ta.dtype, tb.dtype);
  const shape = broadcastShapes(ta.shape, tb.shape, op.toLowerCase());
  ta = toRank(cast(ta, dtype), shape.length);
  tb = toRank(cast(tb, dtype), shape.length);
  return new Tensor(op, [ta, tb], {}, shape, dtype);
}

/** True division: integers are divided as float32, like torch's `/`. */
export function div(a: Tensor | number, b: Tensor | number): Tensor {
  const [ta, tb] = asPair(a, b);
  if (!isFloating(ta.dtype) && !isFloating(tb.dtype)) return binary('Div', cast(ta, 'float32'), cast(tb, 'float32'));
  return binary('Div', ta, tb);
}

export function pow(a: Tensor | number, b: Tensor | number): Tensor {
  const [ta, tb] = asPair(a, b);
  if (!isFloating(ta.dtype) && !isFloating(tb.dtype)) return binary('Pow', cast(ta, 'float32'), cast(tb, 'float32'));
  return binary('Pow', ta, tb);
}

/**
 * Picks `a` where `cond` is non-zero, else `b`, broadcasting all three.
 *
 * @example
 * const y = where(x.gt(0), x, x.mul(0.1)); // leaky ReLU
 */
export function where(cond: Tensor, a: Tensor | number, b: Tensor | number): Tensor {
  let [ta, tb] = asPair(a, b);
  const dtype = promoteTypes(ta.dtype, tb.dtype);
  const shape = broadcastShapes(broadcastShapes(cond.shape, ta.shape, 'where'), tb.shape, 'where');
  ta = toRank(cast(ta, dtype), shape.length);
  tb = toRank(cast(tb, dtype), shape.length);
  return new Tensor('Where', [toRank(cond, shape.length), ta, tb], {}, shape, dtype);
}
