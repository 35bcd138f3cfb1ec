import { leakyRelu, type Tensor } from '@weightnorm/core';
import { Conv1d, Module, ModuleList, weightNorm } from '@weightnorm/nn';
import { getPadding } from './get-padding.js';
import { LRELU_SLOPE } from './lrelu-slope.js';

/**
 * The original ResBlock1: for each dilation d, x += c2(lrelu(c1(lrelu(x)))) where c1 is a
 * dilated conv and c2 a plain one, every conv weight-normed (dim 0). Keys `convs1.M.*`, `convs2.M.*`.
 */
export class ResBlock1 extends Module {
  readonly convs1: ModuleList;
  readonly convs2: ModuleList;

  constructor(channels: number, kernelSize: number, dilation: readonly number[]) {
    super();
    const conv = (d: number) => weightNorm(new Conv1d(channels, channels, kernelSize, { dilation: d, padding: getPadding(kernelSize, d) }));
    this.convs1 = this.registerModule('convs1', new ModuleList(dilation.map((d) => conv(d))));
    this.convs2 = this.registerModule('convs2', new ModuleList(dilation.map(() => conv(1))));
  }

  forward(x: Tensor): Tensor {
    for (let i = 0; i < this.convs1.length; i++) {
      const xt = this.convs2.at(i).forward(leakyRelu(this.convs1.at(i).forward(leakyRelu(x, LRELU_SLOPE)), LRELU_SLOPE));
      x = xt.add(x);
    }
    return x;
  }
}
