import type { BinaryOp, UnaryOp } from '../../backend/ops.js';
import type { Tensor } from '../../ir/tensor.js';
import { cast } from '../../ops/cast.js';
import { where } from '../../ops/elementwise.js';
import { sumToShape } from '../sum-to-shape.js';
import type { VjpRule } from '../vjp-rule.js';
import { zerosLike } from '../zeros-like.js';

const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/** d/dx of each unary op, as the cotangent times a factor built from x and the output y. */
export const UNARY_VJPS: { readonly [Op in UnaryOp]: VjpRule } = {
  Neg: (_n, c) => [c.neg()],
  Abs: (n, c) => [c.mul(n.inputs[0]!.sign())],
  Sign: (n) => [zerosLike(n.inputs[0]!)],
  Sqrt: (n, c) => [c.div(n.mul(2))],
  Exp: (n, c) => [c.mul(n)],
  Log: (n, c) => [c.div(n.inputs[0]!)],
  Sin: (n, c) => [c.mul(n.inputs[0]!.cos())],
  Cos: (n, c) => [c.mul(n.inputs[0]!.sin()).neg()],
  Tanh: (n, c) => [c.mul(n.mul(n).neg().add(1))],
  Sigmoid: (n, c) => [c.mul(n.mul(n.neg().add(1)))],
  Erf: (n, c) => {
    const x = n.inputs[0]!;
    return [c.mul(x.mul(x).neg().exp().mul(TWO_OVER_SQRT_PI))];
  },
};

function pair(n: Tensor, da: Tensor | null, db: Tensor | null): (Tensor | null)[] {
  return [da && sumToShape(da, n.inputs[0]!.shape), db && sumToShape(db, n.inputs[1]!.shape)];
}

/**
 * torch's maximum/minimum backward: the winner takes the gradient and a tie splits it in half.
 * `wins(a, b)` is a > b for maximum, a < b for minimum.
 */
function extremum(wins: (a: Tensor, b: Tensor) => Tensor): VjpRule {
  return (n, c) => {
    const [a, b] = n.inputs as [Tensor, Tensor];
    const half = a.eq(b).mul(0.5);
    return pair(n, c.mul(wins(a, b).add(half)), c.mul(wins(b, a).add(half)));
  };
}

export const BINARY_VJPS: { readonly [Op in BinaryOp]: VjpRule } = {
  Add: (n, c) => pair(n, c, c),
  Sub: (n, c) => pair(n, c, c.neg()),
  Mul: (n, c) => pair(n, c.mul(n.inputs[1]!), c.mul(n.inputs[0]!)),
  Div: (n, c) => {
    const b = n.inputs[1]!;
    return pair(n, c.div(b), c.mul(n).div(b).neg());
  },
  Pow: (n, c) => {
    const [a, b] = n.inputs as [Tensor, Tensor];
    // torch masks the 0·inf cases: no gradient to a where b = 0, none to b where a = 0.
    const da = where(b.eq(0), 0, c.mul(b).mul(a.pow(b.sub(1))));
    const db = where(a.eq(0), 0, c.mul(n).mul(a.log()));
    return pair(n, da, db);
  },
  Maximum: extremum((a, b) => a.gt(b)),
  Minimum: extremum((a, b) => a.lt(b)),
  Greater: () => [null, null],
  Less: () => [null, null],
  Equal: () => [null, null],
};

/** The gradient goes to the branch `cond` picked; the condition itself gets none. */
export const whereVjp: VjpRule = (n, c) => {
  const [cond, a, b] = n.inputs as [Tensor, Tensor, Tensor];
  return [null, sumToShape(where(cond, c, 0), a.shape), sumToShape(where(cond, 0, c), b.shape)];
};

/** Back to the input's dtype; nothing flows into or out of integers (truncation has no gradient). */
export const castVjp: VjpRule = (n, c) => {
  const x = n.inputs[0]!;
  return [x.dtype === 'int32' || n.dtype === 'int32' ? null : cast(c, x.dtype)];
};
