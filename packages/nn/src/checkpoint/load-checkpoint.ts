import { CheckpointError, tensor, type Tensor } from '@weightnorm/core';
import { readBytes } from '../safetensors/read-bytes.js';
import { readCheckpoint } from './read-checkpoint.js';

/**
 * Options of `loadCheckpoint`.
 *
 * @example
 * const sd = await loadCheckpoint('generator_v3.pt', { key: 'generator' });
 */
export interface LoadCheckpointOptions {
  /**
   * Take only the tensors under this top-level key, without the prefix: `'generator'` for the
   * original HiFi-GAN files (`{'generator': state_dict}`).
   */
  key?: string;
}

/**
 * The tensors of a `.pt` (torch.save zip) or safetensors checkpoint — a path in Node, or bytes
 * anywhere — keyed as saved and ready for `module.loadStateDict`. The format is detected from the
 * content. Nothing in a `.pt` file is executed (see readTorchCheckpoint).
 *
 * @example
 * await generator.loadStateDict(await loadCheckpoint('g_02500000.pt', { key: 'generator' }));
 */
export async function loadCheckpoint(
  source: string | Uint8Array | ArrayBuffer,
  opts: LoadCheckpointOptions = {},
): Promise<Record<string, Tensor>> {
  const { tensors } = readCheckpoint(await readBytes(source, 'loadCheckpoint'));
  const out: Record<string, Tensor> = {};
  const prefix = opts.key === undefined ? '' : `${opts.key}.`;
  for (const [name, entry] of tensors) {
    if (!name.startsWith(prefix)) continue;
    // defineProperty keeps a key named "__proto__" an ordinary key.
    Object.defineProperty(out, name.slice(prefix.length), {
      value: tensor(entry.data, entry.shape, { dtype: entry.dtype }),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  if (opts.key !== undefined && Object.keys(out).length === 0) {
    const roots = [...new Set([...tensors.keys()].map((k) => k.split('.')[0]))];
    throw new CheckpointError({ op: 'loadCheckpoint', argument: 'key', allowed: `a top-level key holding tensors (${roots.join(', ') || 'none'})`, received: opts.key });
  }
  return out;
}
