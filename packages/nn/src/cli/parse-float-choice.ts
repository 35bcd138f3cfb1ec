import type { FloatChoice } from './to-safetensors.js';
import { UsageError } from './usage-error.js';

/** The --dtype option: keep (default), f32, f16 or bf16, case-insensitive. */
export function parseFloatChoice(value: unknown): FloatChoice {
  if (value === undefined) return 'keep';
  const v = String(value).toLowerCase();
  if (v === 'keep' || v === 'f32' || v === 'f16' || v === 'bf16') return v === 'keep' ? 'keep' : (v.toUpperCase() as FloatChoice);
  throw new UsageError(`--dtype must be one of keep, f32, f16, bf16; received ${JSON.stringify(value)}`);
}
