import { leakyRelu, type Tensor } from '@weightnorm/core';
import { Conv1d, Module, ModuleList, weightNorm } from '@weightnorm/nn';
import { getPadding } from './get-padding.js';
import { LRELU_SLOPE } from './lrelu-slope.js';

/** The original ResBlock2: for each dilation d, x += c(lrelu(x)), weight-normed convs. Keys `convs.M.*`. */
export class ResBlock2 extends Module {
  readonly convs: ModuleList;

  constructor(channels: number, kernelSize: number, dilation: readonly number[]) {
    super();
    this.convs = this.registerModule(
      'convs',
      new ModuleList(dilation.map((d) => weightNorm(new Conv1d(channels, channels, kernelSize, { dilation: d, padding: getPadding(kernelSize, d) })))),
    );
  }

  forward(x: Tensor): Tensor {
    for (const c of this.convs) x = c.forward(leakyRelu(x, LRELU_SLOPE)).add(x);
    return x;
  }
}
