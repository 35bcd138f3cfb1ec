import { loadCheckpoint } from '@weightnorm/nn';
import { createGenerator } from './create-generator.js';
import type { Generator } from './generator.js';
import type { HifiganConfig } from './hifigan-config.js';

/**
 * A generator for `config` with the weights of a checkpoint: an original `.pt`
 * (`{'generator': state_dict}`, read without Python and without running anything from it), a bare
 * state dict, or safetensors. Keys are the original ones; a mismatch is one CheckpointError
 * listing every problem.
 *
 * @example
 * const g = await loadGenerator('g_02500000.pt', HIFIGAN_V1);
 */
export async function loadGenerator(source: string | Uint8Array | ArrayBuffer, config: Readonly<HifiganConfig>): Promise<Generator> {
  const generator = createGenerator(config);
  const all = await loadCheckpoint(source);
  // The original training script saves {'generator': state_dict}; unwrap it when that is what we got.
  const prefix = 'generator.';
  const wrapped = Object.keys(all).some((k) => k.startsWith(prefix));
  const dict = wrapped
    ? Object.fromEntries(Object.entries(all).filter(([k]) => k.startsWith(prefix)).map(([k, t]) => [k.slice(prefix.length), t]))
    : all;
  await generator.loadStateDict(dict);
  return generator;
}
