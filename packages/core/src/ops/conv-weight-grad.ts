import { isFloating, promoteTypes } from '../dtype/dtype.js';
import { DTypeError, ShapeError } from '../errors/index.js';
import { Tensor } from '../ir/tensor.js';
import { cast } from './cast.js';
import { expandArg, resolveConvPadding, type ConvPadding, type IntOrTuple } from './conv-args.js';

/**
 * Options of `convWeightGrad`: the geometry of the conv whose weight gradient it is (as `conv`
 * takes it) and that weight's kernel size.
 *
 * @example
 * const opts: ConvWeightGradOptions = { kernel: 3, padding: 'same', dilation: 3 };
 */
export interface ConvWeightGradOptions {
  /** The weight's kernel size: an int or one per spatial axis. */
  kernel: IntOrTuple;
  stride?: IntOrTuple;
  /** As conv's: an int, one per axis, [before, after] pairs per axis, 'same' or 'valid'. */
  padding?: ConvPadding;
  dilation?: IntOrTuple;
  groups?: number;
  /** Name used in error messages. */
  op?: string;
}

/**
 * The weight gradient of a convolution, torch's `torch.nn.grad.conv{1,2,3}d_weight`: for
 * y = conv(x, w) with these options and a cotangent gy shaped like y, ∂Σ(y·gy)/∂w. x [N, C, *S],
 * gy [N, O, *P] → [O, C/groups, *kernel] in their common float dtype. gy's positions may reach
 * past x's end; those x values count as zero.
 *
 * @example
 * const gw = convWeightGrad(x, gy, { kernel: 3, padding: 1 }); // x [1, 4, 16], gy [1, 8, 16] → [8, 4, 3]
 */
export function convWeightGrad(x: Tensor, gy: Tensor, opts: ConvWeightGradOptions): Tensor {
  const op = opts.op ?? 'convWeightGrad';
  const spatial = x.ndim - 2;
  if (spatial < 1) throw new ShapeError({ op, argument: 'input', allowed: 'a tensor [N, C, *spatial] with at least 3 axes', received: [...x.shape] });
  if (gy.ndim !== x.ndim || gy.shape[0] !== x.shape[0]) {
    throw new ShapeError({
      op,
      argument: 'gy',
      allowed: `a ${x.ndim}-d tensor [${x.shape[0]}, O, ${spatial === 1 ? 'L' : '*spatial'}] (batch and rank of the input ${`[${x.shape.join(', ')}]`})`,
      received: [...gy.shape],
    });
  }
  for (const [argument, t] of [['input', x], ['gy', gy]] as const) {
    if (!isFloating(t.dtype)) throw new DTypeError({ op, argument, allowed: 'a float16 or float32 tensor', received: t.dtype });
  }
  const groups = opts.groups ?? 1;
  const [inChannels, outChannels] = [x.shape[1]!, gy.shape[1]!];
  if (!Number.isInteger(groups) || groups < 1 || inChannels % groups !== 0 || outChannels % groups !== 0) {
    throw new ShapeError({
      op,
      argument: 'groups',
      allowed: `a positive integer dividing both the ${inChannels} input and the ${outChannels} gy channels`,
      received: groups,
    });
  }
  // No default kernel: a missing one fails the check (NaN is not an integer) and names the argument.
  const kernel = expandArg(opts.kernel, Number.NaN, spatial, { op, argument: 'kernel', min: 1 });
  const stride = expandArg(opts.stride, 1, spatial, { op, argument: 'stride', min: 1 });
  const dilation = expandArg(opts.dilation, 1, spatial, { op, argument: 'dilation', min: 1 });
  const padding = resolveConvPadding(opts.padding, kernel, dilation, stride, op);
  const dtype = promoteTypes(x.dtype, gy.dtype);
  return new Tensor(
    'ConvWeightGrad',
    [cast(x, dtype), cast(gy, dtype)],
    { kernel, stride, padding, dilation, groups },
    [outChannels, inChannels / groups, ...kernel],
    dtype,
  );
}
