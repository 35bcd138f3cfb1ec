import { tensor, type Tensor } from '@weightnorm/core';
import { parseSafetensors } from './parse-safetensors.js';
import { readBytes } from './read-bytes.js';

/**
 * A safetensors file as `readSafetensors` returns it: the tensors by key and the header's
 * `__metadata__` strings.
 *
 * @example
 * const { tensors, metadata } = await readSafetensors('model.safetensors');
 */
export interface SafetensorsFile {
  tensors: Record<string, Tensor>;
  metadata: Record<string, string>;
}

/**
 * Reads a safetensors file (path in Node, or bytes anywhere) with its metadata. F32/F16/I32 keep
 * their dtype, BF16 widens exactly to float32, F64 rounds to float32, I64 narrows to int32 with a
 * range check. Any malformed byte range is a CheckpointError raised before allocation.
 *
 * @example
 * const { tensors, metadata } = await readSafetensors('model.safetensors');
 */
export async function readSafetensors(source: string | Uint8Array | ArrayBuffer): Promise<SafetensorsFile> {
  const { tensors, metadata } = parseSafetensors(await readBytes(source, 'loadSafetensors'));
  const out: Record<string, Tensor> = {};
  for (const [name, entry] of tensors) out[name] = tensor(entry.data, entry.shape, { dtype: entry.dtype });
  return { tensors: out, metadata };
}

/**
 * The tensors of a safetensors file, keyed as saved — ready for `module.loadStateDict`.
 *
 * @example
 * await model.loadStateDict(await loadSafetensors('generator.safetensors'));
 */
export async function loadSafetensors(source: string | Uint8Array | ArrayBuffer): Promise<Record<string, Tensor>> {
  return (await readSafetensors(source)).tensors;
}
