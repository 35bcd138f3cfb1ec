import { CheckpointError, fromFloat16Bits, toBfloat16Bits, toFloat16Bits, type Tensor } from '@weightnorm/core';
import type { SafetensorsDType } from './safetensors-entry.js';
import { serializeSafetensors } from './serialize-safetensors.js';

/**
 * Options of `saveSafetensors`: `__metadata__` strings and the float storage type.
 *
 * @example
 * await saveSafetensors(model.stateDict(), 'model.f16.safetensors', { floatType: 'F16' });
 */
export interface SaveSafetensorsOptions {
  metadata?: Record<string, string>;
  /** Store every float tensor as this type (default: each tensor's own dtype). */
  floatType?: 'F32' | 'F16' | 'BF16';
}

/**
 * Serializes tensors (evaluating them) to safetensors bytes, and writes them to `path` when given
 * (Node). Returns the bytes either way.
 *
 * @example
 * await saveSafetensors((await foldWeightNorm(model)).stateDict(), 'folded.safetensors');
 */
export async function saveSafetensors(
  dict: Record<string, Tensor>,
  path?: string,
  opts: SaveSafetensorsOptions = {},
): Promise<Uint8Array> {
  const entries: [string, { dtype: SafetensorsDType; shape: readonly number[]; data: Float32Array | Uint16Array | Int32Array }][] = [];
  for (const [name, t] of Object.entries(dict)) {
    const raw = await t.rawData();
    if (t.dtype === 'int32') {
      entries.push([name, { dtype: 'I32', shape: t.shape, data: raw }]);
      continue;
    }
    const target = opts.floatType ?? (t.dtype === 'float16' ? 'F16' : 'F32');
    const values = t.dtype === 'float16' ? fromFloat16Bits(raw as Uint16Array) : (raw as Float32Array);
    const data =
      target === 'F32' ? values : target === 'F16' ? (t.dtype === 'float16' ? raw : toFloat16Bits(values)) : toBfloat16Bits(values);
    entries.push([name, { dtype: target, shape: t.shape, data }]);
  }
  const bytes = serializeSafetensors(entries, opts.metadata);
  if (path !== undefined) {
    const { writeFile } = await import('node:fs/promises');
    try {
      await writeFile(path, bytes);
    } catch (e) {
      throw new CheckpointError(
        { op: 'saveSafetensors', argument: 'path', allowed: 'a writable path', received: path },
        `saveSafetensors: cannot write ${JSON.stringify(path)}: ${(e as Error).message}`,
      );
    }
  }
  return bytes;
}
