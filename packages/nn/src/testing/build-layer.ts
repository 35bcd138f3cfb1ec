import { ConvTranspose1d, ConvTranspose2d, ConvTranspose3d } from '../layers/conv-transpose.js';
import { Conv1d, Conv2d, Conv3d } from '../layers/conv.js';
import { Linear } from '../layers/linear.js';
import type { Module } from '../module.js';
import type { ParityConfig } from './parity-case.js';

/**
 * Builds the layer a fixture describes, from the same camelCase arguments torch got.
 *
 * @example
 * const layer = buildLayer(parityCase.config); // e.g. a Conv1d for { layer: 'Conv1d', args: {…} }
 * await layer.loadStateDict(parityCase.stateDict);
 */
export function buildLayer({ layer, args }: Pick<ParityConfig, 'layer' | 'args'>): Module {
  const a = args;
  switch (layer) {
    case 'Linear':
      return new Linear(a.inFeatures, a.outFeatures, { bias: a.bias });
    case 'Conv1d':
    case 'Conv2d':
    case 'Conv3d': {
      const Ctor = { Conv1d, Conv2d, Conv3d }[layer];
      return new Ctor(a.inChannels, a.outChannels, a.kernelSize, {
        stride: a.stride,
        padding: a.padding,
        dilation: a.dilation,
        groups: a.groups,
        bias: a.bias,
        paddingMode: a.paddingMode,
      });
    }
    case 'ConvTranspose1d':
    case 'ConvTranspose2d':
    case 'ConvTranspose3d': {
      const Ctor = { ConvTranspose1d, ConvTranspose2d, ConvTranspose3d }[layer];
      return new Ctor(a.inChannels, a.outChannels, a.kernelSize, {
        stride: a.stride,
        padding: a.padding,
        outputPadding: a.outputPadding,
        dilation: a.dilation,
        groups: a.groups,
        bias: a.bias,
      });
    }
    default:
      throw new Error(`unknown layer ${layer}`);
  }
}
