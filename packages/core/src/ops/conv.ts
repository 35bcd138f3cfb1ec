import { ShapeError } from '../errors/index.js';
import { Tensor } from '../ir/tensor.js';
import { formatShape } from '../shape/shape.js';
import { checkConvRanks, convInputs } from './conv-operands.js';
import { expandArg, resolveConvPadding, type ConvPadding, type IntOrTuple } from './conv-args.js';

/**
 * Options of `conv`, as torch's F.conv1d/2d/3d: stride, padding, dilation (an int or one per
 * spatial axis) and groups.
 *
 * @example
 * conv(x, w, b, { padding: 'same', dilation: 3 });
 */
export interface ConvOptions {
  stride?: IntOrTuple;
  /** An int, one per axis, [before, after] pairs per axis, 'same' or 'valid'. Zero padding. */
  padding?: ConvPadding;
  dilation?: IntOrTuple;
  groups?: number;
  /** Name used in error messages (layers pass `Conv1d.forward`). */
  op?: string;
}

/**
 * N-d convolution in torch's layout: x [N, C, *S], weight [O, C/groups, *k], bias [O].
 * The spatial rank comes from the weight (1, 2, 3 … all run through the same kernel).
 *
 * @example
 * const y = conv(x, w, b, { stride: 2, padding: 'valid' });
 */
export function conv(x: Tensor, weight: Tensor, bias: Tensor | null | undefined, opts: ConvOptions = {}): Tensor {
  const op = opts.op ?? 'conv';
  const spatial = checkConvRanks(op, x, weight, '[out, in/groups, *kernel]');
  const groups = opts.groups ?? 1;
  const [out, inPerGroup, ...kernel] = weight.shape as number[];
  if (!Number.isInteger(groups) || groups < 1 || out! % groups !== 0) {
    throw new ShapeError({ op, argument: 'groups', allowed: `a positive integer dividing the ${out} output channels`, received: groups });
  }
  if (x.shape[1] !== inPerGroup! * groups) {
    throw new ShapeError({
      op,
      argument: 'input',
      allowed: `${inPerGroup! * groups} channels on axis 1 (weight ${formatShape(weight.shape)}, groups ${groups})`,
      received: [...x.shape],
    });
  }
  const stride = expandArg(opts.stride, 1, spatial, { op, argument: 'stride', min: 1 });
  const dilation = expandArg(opts.dilation, 1, spatial, { op, argument: 'dilation', min: 1 });
  const padding = resolveConvPadding(opts.padding, kernel, dilation, stride, op);
  const outSpatial = kernel.map((k, i) => {
    const span = x.shape[2 + i]! + padding[i]![0] + padding[i]![1] - dilation[i]! * (k - 1) - 1;
    return span < 0 ? 0 : Math.floor(span / stride[i]!) + 1;
  });
  if (outSpatial.some((n) => n < 1)) {
    throw new ShapeError({
      op,
      argument: 'input',
      allowed: `spatial sizes at least the dilated kernel ${formatShape(kernel.map((k, i) => dilation[i]! * (k - 1) + 1))} after padding`,
      received: [...x.shape],
    });
  }
  const { inputs, dtype } = convInputs(op, x, weight, bias, out!);
  return new Tensor('Conv', inputs, { stride, padding, dilation, groups }, [x.shape[0]!, out!, ...outSpatial], dtype);
}
