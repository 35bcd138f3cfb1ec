import { promoteTypes, type DType } from '../dtype/dtype.js';
import { ShapeError } from '../errors/index.js';
import type { Tensor } from '../ir/tensor.js';
import { cast } from './cast.js';

/**
 * The checks conv and convTranspose share: the weight has a kernel, the input's rank matches it,
 * and every kernel size is positive. Returns the number of spatial axes.
 */
export function checkConvRanks(op: string, x: Tensor, weight: Tensor, layout: string): number {
  const spatial = weight.ndim - 2;
  if (spatial < 1) throw new ShapeError({ op, argument: 'weight', allowed: `a tensor ${layout} with at least 3 axes`, received: [...weight.shape] });
  if (x.ndim !== spatial + 2) {
    throw new ShapeError({ op, argument: 'input', allowed: `a ${spatial + 2}-d tensor [N, C, ${spatial === 1 ? 'L' : '*spatial'}]`, received: [...x.shape] });
  }
  if (weight.shape.slice(2).some((k) => k < 1)) {
    throw new ShapeError({ op, argument: 'weight', allowed: 'kernel sizes ≥ 1', received: [...weight.shape] });
  }
  return spatial;
}

/** Checks the bias against `out` channels and casts x, weight and bias to their common dtype. */
export function convInputs(op: string, x: Tensor, weight: Tensor, bias: Tensor | null | undefined, out: number): { inputs: Tensor[]; dtype: DType } {
  if (bias && (bias.ndim !== 1 || bias.shape[0] !== out)) {
    throw new ShapeError({ op, argument: 'bias', allowed: `shape [${out}]`, received: [...bias.shape] });
  }
  const dtype = [weight, ...(bias ? [bias] : [])].reduce((d, t) => promoteTypes(d, t.dtype), x.dtype);
  return { inputs: [cast(x, dtype), cast(weight, dtype), ...(bias ? [cast(bias, dtype)] : [])], dtype };
}
