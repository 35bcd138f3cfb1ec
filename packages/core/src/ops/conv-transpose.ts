import { ShapeError } from '../errors/index.js';
import { Tensor } from '../ir/tensor.js';
import { formatShape } from '../shape/shape.js';
import { checkConvRanks, convInputs } from './conv-operands.js';
import { expandArg, type IntOrTuple } from './conv-args.js';

/**
 * Options of `convTranspose`, as torch's F.conv_transpose1d/2d/3d: stride, padding, outputPadding,
 * dilation (an int or one per spatial axis), groups, and `op`, the name used in error messages.
 *
 * @example
 * convTranspose(x, w, b, { stride: 2, padding: 1, outputPadding: 1 });
 */
export interface ConvTransposeOptions {
  stride?: IntOrTuple;
  padding?: IntOrTuple;
  outputPadding?: IntOrTuple;
  dilation?: IntOrTuple;
  groups?: number;
  op?: string;
}

/**
 * N-d transposed convolution in torch's layout: x [N, Cin, *S], weight [Cin, O/groups, *k],
 * output size (S−1)·stride − 2·padding + dilation·(k−1) + outputPadding + 1.
 *
 * @example
 * const up = convTranspose(x, w, b, { stride: 8, padding: 4 }); // HiFi-GAN upsampler
 */
export function convTranspose(x: Tensor, weight: Tensor, bias: Tensor | null | undefined, opts: ConvTransposeOptions = {}): Tensor {
  const op = opts.op ?? 'convTranspose';
  const spatial = checkConvRanks(op, x, weight, '[in, out/groups, *kernel]');
  const groups = opts.groups ?? 1;
  const [cin, outPerGroup, ...kernel] = weight.shape as number[];
  if (!Number.isInteger(groups) || groups < 1 || cin! % groups !== 0) {
    throw new ShapeError({ op, argument: 'groups', allowed: `a positive integer dividing the ${cin} input channels`, received: groups });
  }
  if (x.shape[1] !== cin) {
    throw new ShapeError({ op, argument: 'input', allowed: `${cin} channels on axis 1 (weight ${formatShape(weight.shape)})`, received: [...x.shape] });
  }
  const stride = expandArg(opts.stride, 1, spatial, { op, argument: 'stride', min: 1 });
  const padding = expandArg(opts.padding, 0, spatial, { op, argument: 'padding', min: 0 });
  const dilation = expandArg(opts.dilation, 1, spatial, { op, argument: 'dilation', min: 1 });
  const outputPadding = expandArg(opts.outputPadding, 0, spatial, { op, argument: 'outputPadding', min: 0 });
  // torch: output_padding must be smaller than either stride or dilation.
  outputPadding.forEach((p, i) => {
    if (p >= stride[i]! && p >= dilation[i]!) {
      throw new ShapeError({ op, argument: 'outputPadding', allowed: `less than stride (${stride[i]}) or dilation (${dilation[i]}) on axis ${i}`, received: p });
    }
  });
  const out = outPerGroup! * groups;
  const outSpatial = kernel.map(
    (k, i) => (x.shape[2 + i]! - 1) * stride[i]! - 2 * padding[i]! + dilation[i]! * (k - 1) + outputPadding[i]! + 1,
  );
  if (outSpatial.some((n) => n < 1) || x.shape.slice(2).some((n) => n < 1)) {
    throw new ShapeError({ op, argument: 'input', allowed: `a size whose output is positive (would be ${formatShape(outSpatial)})`, received: [...x.shape] });
  }
  const { inputs, dtype } = convInputs(op, x, weight, bias, out!);
  return new Tensor(
    'ConvTranspose',
    inputs,
    { stride, padding, outputPadding, dilation, groups },
    [x.shape[0]!, out, ...outSpatial],
    dtype,
  );
}
