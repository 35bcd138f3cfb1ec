import { DTypeError } from '../errors/index.js';
import { Tensor } from '../ir/tensor.js';
import { gradsOf } from './grads-of.js';

function checkTensors(op: string, xs: readonly unknown[]): asserts xs is Tensor[] {
  xs.forEach((x, i) => {
    if (!(x instanceof Tensor)) throw new DTypeError({ op, argument: `args[${i}]`, allowed: 'a Tensor', received: x });
  });
}

/**
 * Wraps `fn` (tensors → one-element tensor) so that calling it returns the value and the
 * gradient of the value wrt every argument, all lazy: evaluate them together with
 * `evaluate(value, ...grads)` so a backend sees one graph.
 *
 * @example
 * const f = valueAndGrad((w, x) => w.mul(x).sum());
 * const { value, grads: [gw, gx] } = f(w, x);
 */
export function valueAndGrad(fn: (...xs: Tensor[]) => Tensor): (...xs: Tensor[]) => { value: Tensor; grads: Tensor[] } {
  return (...xs) => {
    checkTensors('valueAndGrad', xs);
    const value = fn(...xs);
    return { value, grads: gradsOf(value, xs) };
  };
}

/**
 * The gradient of `fn` wrt every argument (lazy). Gradients of gradients work: `grad` of a
 * function that calls `grad` differentiates the backward graph.
 *
 * @example
 * const d2 = grad((x) => grad((y) => y.mul(y).mul(y).sum())(x)[0]!.sum()); // 6x
 */
export function grad(fn: (...xs: Tensor[]) => Tensor): (...xs: Tensor[]) => Tensor[] {
  const f = valueAndGrad(fn);
  return (...xs) => f(...xs).grads;
}
