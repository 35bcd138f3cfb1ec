import { expandArg, ShapeError, type IntOrTuple, type Tensor } from '@weightnorm/core';
import { kaimingUniform } from '../init/kaiming-uniform.js';
import { Module } from '../module.js';
import { checkInput } from './check-input.js';

/** What convolutions and transposed convolutions share, as torch's _ConvNd does. */
export interface ConvLayerOptions {
  stride?: IntOrTuple;
  dilation?: IntOrTuple;
  groups?: number;
  bias?: boolean;
}

/**
 * Base of ConvNd and ConvTransposeNd: argument checks, torch's default init and the weight layout
 * ([out, in/groups, *k], or [in, out/groups, *k] when transposed), and unbatched input.
 *
 * @example
 * const convs = [...model.namedModules()].filter(([, m]) => m instanceof ConvLayer);
 */
export abstract class ConvLayer extends Module {
  readonly kernelSize: number[];
  readonly stride: number[];
  readonly dilation: number[];
  readonly groups: number;

  constructor(
    readonly spatialDims: number,
    readonly inChannels: number,
    readonly outChannels: number,
    kernelSize: IntOrTuple,
    opts: ConvLayerOptions,
    transposed: boolean,
  ) {
    super();
    const op = this.constructor.name;
    for (const [name, v] of [['inChannels', inChannels], ['outChannels', outChannels]] as const) {
      if (!Number.isInteger(v) || v < 1) throw new ShapeError({ op, argument: name, allowed: 'a positive integer', received: v });
    }
    this.groups = opts.groups ?? 1;
    if (!Number.isInteger(this.groups) || this.groups < 1 || inChannels % this.groups || outChannels % this.groups) {
      throw new ShapeError({ op, argument: 'groups', allowed: `a positive integer dividing inChannels (${inChannels}) and outChannels (${outChannels})`, received: opts.groups });
    }
    this.kernelSize = expandArg(kernelSize, 1, spatialDims, { op, argument: 'kernelSize', min: 1 });
    this.stride = expandArg(opts.stride, 1, spatialDims, { op, argument: 'stride', min: 1 });
    this.dilation = expandArg(opts.dilation, 1, spatialDims, { op, argument: 'dilation', min: 1 });
    // torch's fan_in is weight.size(1)·Πk: in/groups for a conv, out/groups for a transposed one.
    const [first, second] = transposed ? [inChannels, outChannels / this.groups] : [outChannels, inChannels / this.groups];
    const fanIn = second * this.kernelSize.reduce((a, b) => a * b, 1);
    this.registerParameter('weight', kaimingUniform([first, second, ...this.kernelSize], fanIn));
    if (opts.bias ?? true) this.registerParameter('bias', kaimingUniform([outChannels], fanIn));
  }

  get weight(): Tensor {
    return this.param('weight');
  }
  get bias(): Tensor | null {
    return this.hasParameter('bias') ? this.param('bias') : null;
  }

  /** Checks the input and runs `run` on it with a batch axis, dropping the axis again for unbatched input. */
  protected batched(x: Tensor, run: (batched: Tensor, op: string) => Tensor): Tensor {
    const op = `${this.constructor.name}.forward`;
    const n = this.spatialDims;
    checkInput(op, x, [n + 1, n + 2], this.inChannels, x.ndim === n + 1 ? 0 : 1, `a tensor [N, ${this.inChannels}, *spatial] (or unbatched)`);
    return x.ndim === n + 2 ? run(x, op) : run(x.unsqueeze(0), op).squeeze(0);
  }
}
