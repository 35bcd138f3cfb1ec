import { matmul, ShapeError, type Tensor } from '@weightnorm/core';
import { kaimingUniform } from '../init/kaiming-uniform.js';
import { Module } from '../module.js';
import { checkInput } from './check-input.js';

/**
 * Options of `Linear`: `bias` (true by default), as torch's `bias=`.
 *
 * @example
 * const proj = new Linear(512, 256, { bias: false });
 */
export interface LinearOptions {
  bias?: boolean;
}

/**
 * y = x·Wᵀ + b with torch's layout: weight [out, in], bias [out]; x [..., in].
 *
 * @example
 * const fc = new Linear(16, 4);
 * const y = fc.forward(tensor(new Float32Array(32), [2, 16])); // [2, 4]
 */
export class Linear extends Module {
  constructor(
    readonly inFeatures: number,
    readonly outFeatures: number,
    opts: LinearOptions = {},
  ) {
    super();
    for (const [name, v] of [['inFeatures', inFeatures], ['outFeatures', outFeatures]] as const) {
      if (!Number.isInteger(v) || v < 1) throw new ShapeError({ op: 'Linear', argument: name, allowed: 'a positive integer', received: v });
    }
    this.registerParameter('weight', kaimingUniform([outFeatures, inFeatures], inFeatures));
    if (opts.bias ?? true) this.registerParameter('bias', kaimingUniform([outFeatures], inFeatures));
  }

  get weight(): Tensor {
    return this.param('weight');
  }
  get bias(): Tensor | null {
    return this.hasParameter('bias') ? this.param('bias') : null;
  }

  forward(x: Tensor): Tensor {
    checkInput('Linear.forward', x, [1, 2, 3, 4, 5, 6, 7, 8], this.inFeatures, -1, 'a tensor [..., in]');
    const y = matmul(x, this.weight.transpose(0, 1));
    return this.bias ? y.add(this.bias) : y;
  }
}
