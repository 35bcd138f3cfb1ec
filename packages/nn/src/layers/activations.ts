import { gelu, leakyRelu, relu, silu, type Tensor } from '@weightnorm/core';
import { Module } from '../module.js';

/**
 * torch.nn.ReLU.
 *
 * @example
 * const block = new Sequential(new Conv1d(4, 4, 3, { padding: 1 }), new ReLU());
 */
export class ReLU extends Module {
  forward(x: Tensor): Tensor {
    return relu(x);
  }
}

/** torch.nn.LeakyReLU (HiFi-GAN uses slope 0.1). @example new LeakyReLU(0.1) */
export class LeakyReLU extends Module {
  constructor(readonly negativeSlope = 0.01) {
    super();
  }
  forward(x: Tensor): Tensor {
    return leakyRelu(x, this.negativeSlope);
  }
}

/**
 * torch.nn.Tanh.
 *
 * @example
 * const post = new Sequential(new Conv1d(32, 1, 7, { padding: 3 }), new Tanh());
 */
export class Tanh extends Module {
  forward(x: Tensor): Tensor {
    return x.tanh();
  }
}

/**
 * torch.nn.Sigmoid.
 *
 * @example
 * const gate = new Sigmoid().forward(x);
 */
export class Sigmoid extends Module {
  forward(x: Tensor): Tensor {
    return x.sigmoid();
  }
}

/**
 * torch.nn.SiLU (swish).
 *
 * @example
 * const y = new SiLU().forward(x);
 */
export class SiLU extends Module {
  forward(x: Tensor): Tensor {
    return silu(x);
  }
}

/** torch.nn.GELU, exact (erf) by default. @example new GELU({ approximate: 'tanh' }) */
export class GELU extends Module {
  readonly approximate: 'none' | 'tanh';
  constructor(opts: { approximate?: 'none' | 'tanh' } = {}) {
    super();
    this.approximate = opts.approximate ?? 'none';
  }
  forward(x: Tensor): Tensor {
    return gelu(x, this.approximate);
  }
}
