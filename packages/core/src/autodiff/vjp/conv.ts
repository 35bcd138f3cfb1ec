import type { OpAttrs } from '../../backend/ops.js';
import type { Tensor } from '../../ir/tensor.js';
import { conv } from '../../ops/conv.js';
import { convTranspose } from '../../ops/conv-transpose.js';
import { narrow, pad } from '../../ops/movement.js';
import type { VjpRule } from '../vjp-rule.js';
import { convWeightGrad } from './conv-weight-grad.js';

/** Bias gets the cotangent summed over the batch and every spatial position. */
function biasGrad(c: Tensor): Tensor {
  return c.sum(c.shape.map((_, i) => i).filter((i) => i !== 1));
}

/**
 * ∂/∂x of a conv is the transposed conv of the cotangent with the same weight. ConvTranspose
 * pads symmetrically, so it takes the smaller side of the (possibly asymmetric) padding, and the
 * rest is cropped here; outputPadding (or zeros, past torch's limit for it) restores the input
 * positions the forward's stride never reached, whose gradient is 0.
 */
function convInputGrad(x: Tensor, w: Tensor, c: Tensor, attrs: OpAttrs<'Conv'>): Tensor {
  const { stride, padding, dilation, groups } = attrs;
  const kernel = w.shape.slice(2);
  const full = kernel.map((k, i) => (c.shape[2 + i]! - 1) * stride[i]! + dilation[i]! * (k - 1) + 1);
  const sym = padding.map(([b, a], i) => {
    const q = Math.min(b, a);
    return full[i]! - 2 * q >= 1 ? q : 0;
  });
  const extra = kernel.map((_, i) => padding[i]![0] + x.shape[2 + i]! - (full[i]! - sym[i]!));
  const outputPadding = extra.map((e, i) => (e > 0 && (e < stride[i]! || e < dilation[i]!) ? e : 0));
  let g = convTranspose(c, w, null, { stride: [...stride], padding: sym, dilation: [...dilation], outputPadding, groups });
  kernel.forEach((_, i) => {
    const axis = 2 + i;
    const start = padding[i]![0] - sym[i]!;
    const short = start + x.shape[axis]! - g.shape[axis]!;
    if (short > 0) g = pad(g, g.shape.map((_, j): [number, number] => (j === axis ? [0, short] : [0, 0])));
    if (start > 0 || g.shape[axis] !== x.shape[axis]) g = narrow(g, axis, start, x.shape[axis]!);
  });
  return g;
}

export const convVjp: VjpRule = (n, c) => {
  const [x, w, b] = n.inputs as [Tensor, Tensor, Tensor | undefined];
  const attrs = n.attrs as OpAttrs<'Conv'>;
  const gx = convInputGrad(x, w, c, attrs);
  const gw = convWeightGrad(x, c, w.shape.slice(2), attrs.stride, attrs.padding, attrs.dilation, attrs.groups);
  return b ? [gx, gw, biasGrad(c)] : [gx, gw];
};

/**
 * ConvTranspose is the adjoint of Conv with the same weight, so ∂/∂x is a plain conv of the
 * cotangent (cropped to x's size when outputPadding made room the conv maps back past x) and
 * ∂/∂w is the swapped-role conv with the cotangent as the input.
 */
export const convTransposeVjp: VjpRule = (n, c) => {
  const [x, w, b] = n.inputs as [Tensor, Tensor, Tensor | undefined];
  const { stride, padding, dilation, groups } = n.attrs as OpAttrs<'ConvTranspose'>;
  const pairs = padding.map((p): [number, number] => [p, p]);
  let gx = conv(c, w, null, { stride: [...stride], padding: pairs, dilation: [...dilation], groups });
  w.shape.slice(2).forEach((_, i) => {
    if (gx.shape[2 + i] !== x.shape[2 + i]) gx = narrow(gx, 2 + i, 0, x.shape[2 + i]!);
  });
  const gw = convWeightGrad(c, x, w.shape.slice(2), stride, pairs, dilation, groups);
  return b ? [gx, gw, biasGrad(c)] : [gx, gw];
};
