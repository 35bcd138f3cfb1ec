import type { OpAttrs } from '../../backend/ops.js';
import type { Tensor } from '../../ir/tensor.js';
import { conv } from '../../ops/conv.js';
import { convTranspose } from '../../ops/conv-transpose.js';
import { convWeightGrad } from '../../ops/conv-weight-grad.js';
import { narrow, pad } from '../../ops/movement.js';
import type { VjpRule } from '../vjp-rule.js';
import { zerosLike } from '../zeros-like.js';

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
  const gw = convWeightGrad(x, c, { ...attrs, kernel: w.shape.slice(2) });
  return b ? [gx, gw, biasGrad(c)] : [gx, gw];
};

/**
 * ConvTranspose is the adjoint of Conv with the same weight, so ∂/∂x is a plain conv of the
 * cotangent (cropped to x's size when outputPadding made room the conv maps back past x) and
 * ∂/∂w is ConvWeightGrad with the roles swapped: the cotangent is its input and x its gy.
 */
export const convTransposeVjp: VjpRule = (n, c) => {
  const [x, w, b] = n.inputs as [Tensor, Tensor, Tensor | undefined];
  const { stride, padding, dilation, groups } = n.attrs as OpAttrs<'ConvTranspose'>;
  const pairs = padding.map((p): [number, number] => [p, p]);
  let gx = conv(c, w, null, { stride: [...stride], padding: pairs, dilation: [...dilation], groups });
  w.shape.slice(2).forEach((_, i) => {
    if (gx.shape[2 + i] !== x.shape[2 + i]) gx = narrow(gx, 2 + i, 0, x.shape[2 + i]!);
  });
  const gw = convWeightGrad(c, x, { kernel: w.shape.slice(2), stride, padding: pairs, dilation, groups });
  return b ? [gx, gw, biasGrad(c)] : [gx, gw];
};

/**
 * ConvWeightGrad is bilinear: Σ(gw·C) = Σ(conv(x, C)·gy) over gy's positions, with the cotangent
 * C as the weight. So ∂/∂gy is that conv, and ∂/∂x is the conv's input gradient for the
 * cotangent gy; this keeps double backward through a conv working. The op reads x as zero past
 * its end, so the conv pads after as far as gy's last position reaches (its own padding after
 * is immaterial), and gy is zero-extended where that conv has more positions than gy.
 */
export const convWeightGradVjp: VjpRule = (n, c) => {
  const [x, gy] = n.inputs as [Tensor, Tensor];
  const { kernel, stride, padding, dilation, groups } = n.attrs as OpAttrs<'ConvWeightGrad'>;
  if (x.size === 0 || gy.size === 0) return [zerosLike(x), zerosLike(gy)];
  const pads = padding.map(([before], i): [number, number] => {
    const reach = (gy.shape[2 + i]! - 1) * stride[i]! + (kernel[i]! - 1) * dilation[i]! + 1;
    return [before, Math.max(0, reach - before - x.shape[2 + i]!)];
  });
  const attrs = { stride, padding: pads, dilation, groups };
  let ggy = conv(x, c, null, { stride: [...stride], padding: pads, dilation: [...dilation], groups });
  let gyFull = gy;
  kernel.forEach((_, i) => {
    const axis = 2 + i;
    const extra = ggy.shape[axis]! - gy.shape[axis]!;
    if (extra === 0) return;
    ggy = narrow(ggy, axis, 0, gy.shape[axis]!);
    gyFull = pad(gyFull, gyFull.shape.map((_, j): [number, number] => (j === axis ? [0, extra] : [0, 0])));
  });
  return [convInputGrad(x, c, gyFull, attrs), ggy];
};
