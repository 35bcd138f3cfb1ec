import { CheckpointError } from '@weightnorm/core';
import { readCheckpoint, type CheckpointContents } from '../checkpoint/read-checkpoint.js';
import { readInputFile } from './read-input-file.js';

/** Reads a .pt or safetensors file for a CLI command; with `key`, keeps only that nested dict's tensors, unprefixed. */
export async function readInputCheckpoint(
  path: string,
  opts: { key?: string; progress?: boolean },
): Promise<CheckpointContents & { fileBytes: number }> {
  const bytes = await readInputFile(path, 'weightnorm', opts.progress);
  const contents = readCheckpoint(bytes);
  if (opts.key !== undefined) {
    const prefix = `${opts.key}.`;
    const kept = new Map([...contents.tensors].filter(([k]) => k.startsWith(prefix)).map(([k, e]) => [k.slice(prefix.length), e]));
    if (kept.size === 0) {
      const roots = [...new Set([...contents.tensors.keys()].map((k) => k.split('.')[0]))];
      throw new CheckpointError({ op: 'weightnorm', argument: '--key', allowed: `a top-level key holding tensors (${roots.join(', ') || 'none'})`, received: opts.key });
    }
    contents.tensors = kept;
  }
  return { ...contents, fileBytes: bytes.length };
}
