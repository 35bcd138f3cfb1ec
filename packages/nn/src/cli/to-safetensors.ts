import { fromFloat16Bits, toBfloat16Bits, toFloat16Bits } from '@weightnorm/core';
import type { SafetensorsDType, SafetensorsEntry } from '../safetensors/safetensors-entry.js';
import { serializeSafetensors } from '../safetensors/serialize-safetensors.js';

/**
 * `keep`: each float tensor in its file dtype where safetensors-writable; otherwise every float becomes this type.
 *
 * @example
 * const choice: FloatChoice = 'F16';
 */
export type FloatChoice = 'keep' | 'F32' | 'F16' | 'BF16';

type Writable = { dtype: SafetensorsDType; shape: number[]; data: Float32Array | Uint16Array | Int32Array };

function convert(e: SafetensorsEntry, choice: FloatChoice): Writable {
  if (e.dtype === 'int32') return { dtype: 'I32', shape: e.shape, data: e.data };
  const target = choice !== 'keep' ? choice : e.sourceDType === 'F16' || e.sourceDType === 'BF16' ? e.sourceDType : 'F32';
  if (e.dtype === 'float16') {
    const bits = e.data as Uint16Array;
    return target === 'F16' ? { dtype: 'F16', shape: e.shape, data: bits } : write(fromFloat16Bits(bits), target, e.shape);
  }
  return write(e.data as Float32Array, target, e.shape);
}

function write(values: Float32Array, target: 'F32' | 'F16' | 'BF16', shape: number[]): Writable {
  if (target === 'F32') return { dtype: 'F32', shape, data: values };
  return { dtype: target, shape, data: target === 'F16' ? toFloat16Bits(values) : toBfloat16Bits(values) };
}

/**
 * safetensors bytes for checkpoint entries. With `keep`, F32/F16/BF16/I32 are written as read
 * (BF16 read from a .pt was widened exactly, so narrowing it back is exact too); F64 is written
 * as F32 and I64 as I32, the only forms weightnorm holds — `lossy` lists those keys.
 *
 * @example
 * const { bytes, lossy } = toSafetensors(entries, 'F16');
 */
export function toSafetensors(
  entries: ReadonlyMap<string, SafetensorsEntry>,
  choice: FloatChoice,
  metadata?: Record<string, string>,
): { bytes: Uint8Array; lossy: string[] } {
  const lossy = [...entries].filter(([, e]) => e.sourceDType === 'F64' || e.sourceDType === 'I64').map(([k, e]) => `${k} (${e.sourceDType})`);
  const bytes = serializeSafetensors([...entries].map(([k, e]) => [k, convert(e, choice)] as const), metadata);
  return { bytes, lossy };
}
