import { ShapeError } from '@weightnorm/core';
import { Generator } from './generator.js';
import type { HifiganConfig } from './hifigan-config.js';

const OP = 'createGenerator';

function positiveInts(value: unknown, argument: string, length?: number): number[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every((v) => Number.isInteger(v) && v > 0) || (length !== undefined && value.length !== length)) {
    throw new ShapeError({ op: OP, argument, allowed: `a non-empty array of positive integers${length === undefined ? '' : ` of length ${length}`}`, received: value });
  }
  return value;
}

/**
 * A HiFi-GAN generator for `config` (HIFIGAN_V1, HIFIGAN_V3 or a parsed config.json), with
 * random weights until a checkpoint is loaded. Checks the config first, naming the bad field.
 *
 * @example
 * const g = createGenerator(HIFIGAN_V3);
 * await g.loadStateDict(await loadCheckpoint('g_v3.pt', { key: 'generator' }));
 */
export function createGenerator(config: Readonly<HifiganConfig>): Generator {
  if (config.resblock !== '1' && config.resblock !== '2') {
    throw new ShapeError({ op: OP, argument: 'resblock', allowed: '"1" or "2"', received: config.resblock });
  }
  const rates = positiveInts(config.upsample_rates, 'upsample_rates');
  positiveInts(config.upsample_kernel_sizes, 'upsample_kernel_sizes', rates.length);
  const kernels = positiveInts(config.resblock_kernel_sizes, 'resblock_kernel_sizes');
  const dilations = config.resblock_dilation_sizes;
  if (!Array.isArray(dilations) || dilations.length !== kernels.length) {
    throw new ShapeError({ op: OP, argument: 'resblock_dilation_sizes', allowed: `${kernels.length} lists, one per resblock kernel size`, received: dilations });
  }
  // The original blocks index exactly three (ResBlock1) or two (ResBlock2) dilations.
  dilations.forEach((d, j) => positiveInts(d, `resblock_dilation_sizes[${j}]`, config.resblock === '1' ? 3 : 2));
  const ch = config.upsample_initial_channel;
  if (!Number.isInteger(ch) || ch < 1 || ch % 2 ** rates.length) {
    throw new ShapeError({ op: OP, argument: 'upsample_initial_channel', allowed: `a positive integer divisible by 2^${rates.length} (one halving per upsample)`, received: ch });
  }
  return new Generator(config);
}
