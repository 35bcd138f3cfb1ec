import { convTranspose, expandArg, type IntOrTuple, type Tensor } from '@weightnorm/core';
import { ConvLayer, type ConvLayerOptions } from './conv-layer.js';

/**
 * Options of ConvTranspose1d/2d/3d/ConvTransposeNd after the channel counts and kernel size, as torch's
 * keyword arguments (camelCase): stride, padding, outputPadding, dilation, groups, bias.
 */
export interface ConvTransposeOptions extends ConvLayerOptions {
  padding?: IntOrTuple;
  outputPadding?: IntOrTuple;
}

/**
 * torch's _ConvTransposeNd: weight [in, out/groups, *k] (note: `in` first, so weightNorm's
 * dim=0 normalizes per input channel, as in torch), input [N, in, *S] or unbatched.
 *
 * @example
 * const up = new ConvTransposeNd(1, 512, 256, 16, { stride: 8, padding: 4 }); // same as ConvTranspose1d
 */
export class ConvTransposeNd extends ConvLayer {
  readonly padding: number[];
  readonly outputPadding: number[];

  constructor(spatialDims: number, inChannels: number, outChannels: number, kernelSize: IntOrTuple, opts: ConvTransposeOptions = {}) {
    super(spatialDims, inChannels, outChannels, kernelSize, opts, true);
    const op = this.constructor.name;
    this.padding = expandArg(opts.padding, 0, spatialDims, { op, argument: 'padding', min: 0 });
    this.outputPadding = expandArg(opts.outputPadding, 0, spatialDims, { op, argument: 'outputPadding', min: 0 });
  }

  forward(x: Tensor): Tensor {
    return this.batched(x, (batched, op) =>
      convTranspose(batched, this.weight, this.bias, {
        stride: this.stride,
        padding: this.padding,
        outputPadding: this.outputPadding,
        dilation: this.dilation,
        groups: this.groups,
        op,
      }),
    );
  }
}

/** torch.nn.ConvTranspose1d. @example new ConvTranspose1d(512, 256, 16, { stride: 8, padding: 4 }) */
export class ConvTranspose1d extends ConvTransposeNd {
  constructor(inChannels: number, outChannels: number, kernelSize: IntOrTuple, opts: ConvTransposeOptions = {}) {
    super(1, inChannels, outChannels, kernelSize, opts);
  }
}

/** torch.nn.ConvTranspose2d. @example new ConvTranspose2d(8, 4, 4, { stride: 2, padding: 1 }) */
export class ConvTranspose2d extends ConvTransposeNd {
  constructor(inChannels: number, outChannels: number, kernelSize: IntOrTuple, opts: ConvTransposeOptions = {}) {
    super(2, inChannels, outChannels, kernelSize, opts);
  }
}

/** torch.nn.ConvTranspose3d. @example new ConvTranspose3d(4, 2, 3, { stride: 2 }) */
export class ConvTranspose3d extends ConvTransposeNd {
  constructor(inChannels: number, outChannels: number, kernelSize: IntOrTuple, opts: ConvTransposeOptions = {}) {
    super(3, inChannels, outChannels, kernelSize, opts);
  }
}
