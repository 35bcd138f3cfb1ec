import { conv, padTorch, resolveConvPadding, ShapeError, type ConvPadding, type IntOrTuple, type Tensor } from '@weightnorm/core';
import { ConvLayer, type ConvLayerOptions } from './conv-layer.js';

/**
 * torch's `padding_mode` for Conv layers: zeros (default), reflect, replicate or circular.
 *
 * @example
 * const conv = new Conv1d(1, 1, 3, { padding: 1, paddingMode: 'reflect' });
 */
export type PaddingMode = 'zeros' | 'reflect' | 'replicate' | 'circular';

/**
 * Options of Conv1d/Conv2d/Conv3d/ConvNd after the channel counts and kernel size, as torch's keyword
 * arguments (camelCase): stride, padding, dilation, groups, bias, paddingMode.
 */
export interface ConvOptions extends ConvLayerOptions {
  /** An int, one per axis, 'same' (stride 1 only) or 'valid'. */
  padding?: IntOrTuple | 'same' | 'valid';
  paddingMode?: PaddingMode;
}

/**
 * torch's _ConvNd for any number of spatial axes: weight [out, in/groups, *k], input
 * [N, in, *S] (or unbatched [in, *S]).
 *
 * @example
 * const conv4d = new ConvNd(4, 2, 8, 3); // a 4-d convolution: weight [8, 2, 3, 3, 3, 3]
 */
export class ConvNd extends ConvLayer {
  readonly padding: IntOrTuple | 'same' | 'valid';
  readonly paddingMode: PaddingMode;
  /** [before, after] per spatial axis, resolved once like torch's _reversed_padding_repeated_twice. */
  private readonly pads: [number, number][];

  constructor(spatialDims: number, inChannels: number, outChannels: number, kernelSize: IntOrTuple, opts: ConvOptions = {}) {
    super(spatialDims, inChannels, outChannels, kernelSize, opts, false);
    const op = this.constructor.name;
    this.padding = opts.padding ?? 0;
    this.paddingMode = opts.paddingMode ?? 'zeros';
    if (!['zeros', 'reflect', 'replicate', 'circular'].includes(this.paddingMode)) {
      throw new ShapeError({ op, argument: 'paddingMode', allowed: "'zeros', 'reflect', 'replicate' or 'circular'", received: this.paddingMode });
    }
    this.pads = resolveConvPadding(this.padding as ConvPadding, this.kernelSize, this.dilation, this.stride, op);
  }

  forward(x: Tensor): Tensor {
    return this.batched(x, (batched, op) => {
      const opts = { stride: this.stride, dilation: this.dilation, groups: this.groups, op };
      if (this.paddingMode === 'zeros') return conv(batched, this.weight, this.bias, { ...opts, padding: this.pads });
      // torch pads with the mode first (F.pad), then convolves with no padding.
      const padded = padTorch(batched, [...this.pads].reverse().flat(), { mode: this.paddingMode });
      return conv(padded, this.weight, this.bias, { ...opts, padding: 0 });
    });
  }
}

/** torch.nn.Conv1d: input [N, C, L]. @example new Conv1d(80, 512, 7, { padding: 3 }) */
export class Conv1d extends ConvNd {
  constructor(inChannels: number, outChannels: number, kernelSize: IntOrTuple, opts: ConvOptions = {}) {
    super(1, inChannels, outChannels, kernelSize, opts);
  }
}

/** torch.nn.Conv2d: input [N, C, H, W]. @example new Conv2d(3, 8, [3, 3], { stride: 2 }) */
export class Conv2d extends ConvNd {
  constructor(inChannels: number, outChannels: number, kernelSize: IntOrTuple, opts: ConvOptions = {}) {
    super(2, inChannels, outChannels, kernelSize, opts);
  }
}

/** torch.nn.Conv3d: input [N, C, D, H, W]. @example new Conv3d(2, 4, 3, { padding: 1 }) */
export class Conv3d extends ConvNd {
  constructor(inChannels: number, outChannels: number, kernelSize: IntOrTuple, opts: ConvOptions = {}) {
    super(3, inChannels, outChannels, kernelSize, opts);
  }
}
