import { fromFloat16Bits } from '@weightnorm/core';
import type { SafetensorsEntry } from '../safetensors/safetensors-entry.js';
import { findWeightNorms, type WeightNormPair } from './find-weight-norms.js';

function asFloat32(e: SafetensorsEntry): Float32Array {
  return e.dtype === 'float16' ? fromFloat16Bits(e.data as Uint16Array) : e.dtype === 'float32' ? (e.data as Float32Array) : Float32Array.from(e.data);
}

/**
 * w = g · v / ‖v‖ with torch's norm_except_dim: one L2 norm per index of `dim` over every other
 * axis (one norm over everything for dim null). Sums run in float64 and w is rounded to float32
 * once, so the result is within an ulp or two of torch's float32 computation. A zero slice gives
 * NaN, as in torch.
 *
 * @example
 * foldWeight(new Float32Array([3, 4]), [1, 2], new Float32Array([10]), 0); // Float32Array [6, 8]
 */
export function foldWeight(v: Float32Array, shape: readonly number[], g: Float32Array, dim: number | null): Float32Array {
  const kept = dim === null ? 1 : shape[dim]!;
  const inner = dim === null ? v.length : shape.slice(dim + 1).reduce((a, d) => a * d, 1);
  const sums = new Float64Array(kept);
  for (let i = 0; i < v.length; i++) sums[Math.floor(i / inner) % kept]! += v[i]! * v[i]!;
  const w = new Float32Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const k = Math.floor(i / inner) % kept;
    w[i] = (g[k]! * v[i]!) / Math.sqrt(sums[k]!);
  }
  return w;
}

/**
 * Replaces every weight-norm pair with its folded float32 weight (see foldWeight). The folded
 * weight takes g's place in the key order; every other entry passes through unchanged. Needs no
 * backend, so the CLI runs wherever Node does.
 *
 * @example
 * const { entries: folded, pairs } = foldEntries(parseSafetensors(bytes).tensors);
 */
export function foldEntries(
  entries: ReadonlyMap<string, SafetensorsEntry>,
  onPair?: (done: number, total: number, pair: WeightNormPair) => void,
): { entries: Map<string, SafetensorsEntry>; pairs: WeightNormPair[]; unpaired: string[] } {
  const { pairs, unpaired } = findWeightNorms(new Map([...entries].map(([k, e]) => [k, e.shape])));
  const byG = new Map(pairs.map((p) => [p.g, p]));
  const dropped = new Set(pairs.map((p) => p.v));
  const out = new Map<string, SafetensorsEntry>();
  let done = 0;
  for (const [key, e] of entries) {
    if (dropped.has(key)) continue;
    const p = byG.get(key);
    if (!p) {
      out.set(key, e);
      continue;
    }
    const v = entries.get(p.v)!;
    out.set(p.weight, { dtype: 'float32', shape: v.shape, data: foldWeight(asFloat32(v), v.shape, asFloat32(e), p.dim), sourceDType: 'F32' });
    onPair?.(++done, pairs.length, p);
  }
  return { entries: out, pairs, unpaired };
}
