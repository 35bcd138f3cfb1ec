import { leakyRelu, type Tensor } from '@weightnorm/core';
import { Conv1d, ConvTranspose1d, Module, ModuleList, weightNorm } from '@weightnorm/nn';
import type { HifiganConfig } from './hifigan-config.js';
import { LRELU_SLOPE } from './lrelu-slope.js';
import { ResBlock1 } from './res-block1.js';
import { ResBlock2 } from './res-block2.js';

/**
 * The HiFi-GAN generator of jik876/hifi-gan's models.py, module for module, so its state dict has
 * the original keys (`conv_pre.weight_g`, `ups.0.weight_v`, `resblocks.3.convs1.1.bias`, …).
 * Every conv is weight-normed with torch's default dim=0 — for the ConvTranspose1d upsamplers that
 * is the *input* channel axis of their [in, out, k] weight, as in torch.
 *
 * The forward pass is split into stages (`pre`, `stage(i)`, `post`) so a caller can evaluate and
 * report progress between them; `forward` chains them exactly as the original does.
 */
export class Generator extends Module {
  readonly numKernels: number;
  readonly numUpsamples: number;
  readonly ups: ModuleList;
  readonly resblocks: ModuleList;

  constructor(readonly config: Readonly<HifiganConfig>) {
    super();
    const h = config;
    this.numKernels = h.resblock_kernel_sizes.length;
    this.numUpsamples = h.upsample_rates.length;
    const ch0 = h.upsample_initial_channel;
    this.registerModule('conv_pre', weightNorm(new Conv1d(h.num_mels ?? 80, ch0, 7, { padding: 3 })));
    this.ups = this.registerModule('ups', new ModuleList());
    h.upsample_rates.forEach((u, i) => {
      const k = h.upsample_kernel_sizes[i]!;
      this.ups.push(weightNorm(new ConvTranspose1d(ch0 / 2 ** i, ch0 / 2 ** (i + 1), k, { stride: u, padding: Math.floor((k - u) / 2) })));
    });
    this.resblocks = this.registerModule('resblocks', new ModuleList());
    const Block = h.resblock === '1' ? ResBlock1 : ResBlock2;
    let ch = ch0;
    for (let i = 0; i < this.numUpsamples; i++) {
      ch = ch0 / 2 ** (i + 1);
      h.resblock_kernel_sizes.forEach((k, j) => this.resblocks.push(new Block(ch, k, h.resblock_dilation_sizes[j]!)));
    }
    this.registerModule('conv_post', weightNorm(new Conv1d(ch, 1, 7, { padding: 3 })));
  }

  /** The child by name, looked up on each call so it is the folded layer after foldWeightNorm. */
  private child(name: string): Module {
    return this.childTable().get(name)!;
  }

  /** conv_pre: mel [N, 80, T] → [N, C, T]. */
  pre(mel: Tensor): Tensor {
    return this.child('conv_pre').forward(mel);
  }

  /** Upsample stage i: lrelu → ups[i] → the mean of its resblocks. */
  stage(i: number, x: Tensor): Tensor {
    x = this.ups.at(i).forward(leakyRelu(x, LRELU_SLOPE));
    let xs: Tensor | null = null;
    for (let j = 0; j < this.numKernels; j++) {
      const y = this.resblocks.at(i * this.numKernels + j).forward(x);
      xs = xs === null ? y : xs.add(y);
    }
    return xs!.div(this.numKernels);
  }

  /** lrelu (torch's default slope 0.01, as the original) → conv_post → tanh: [N, 1, T·hop]. */
  post(x: Tensor): Tensor {
    return this.child('conv_post').forward(leakyRelu(x)).tanh();
  }

  forward(mel: Tensor): Tensor {
    let x = this.pre(mel);
    for (let i = 0; i < this.numUpsamples; i++) x = this.stage(i, x);
    return this.post(x);
  }
}
