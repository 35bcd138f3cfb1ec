export interface Comparison {
  /** max |out − ref|, NaN/size mismatches as Infinity. */
  readonly maxAbsError: number;
  /** max |ref|, the scale the tolerance is relative to. */
  readonly scale: number;
  readonly ok: boolean;
  /** Set when the output cannot be compared at all. */
  readonly problem?: string;
}

/**
 * Compares a contender's output with the reference: ok when max |error| ≤ tolerance · max |ref|.
 * A NaN where the reference has a number (or the reverse) is a mismatch, not a small error.
 */
export function compareOutputs(out: Float32Array, ref: Float32Array, tolerance: number): Comparison {
  let scale = 0;
  for (let i = 0; i < ref.length; i++) if (!Number.isNaN(ref[i]!)) scale = Math.max(scale, Math.abs(ref[i]!));
  if (out.length !== ref.length) {
    return { maxAbsError: Infinity, scale, ok: false, problem: `${out.length} values, expected ${ref.length}` };
  }
  let maxAbsError = 0;
  let nanAt = -1;
  for (let i = 0; i < ref.length; i++) {
    const a = out[i]!;
    const b = ref[i]!;
    if (Number.isNaN(a) !== Number.isNaN(b)) {
      nanAt = i;
      break;
    }
    if (!Number.isNaN(a)) maxAbsError = Math.max(maxAbsError, Math.abs(a - b));
  }
  if (nanAt >= 0) return { maxAbsError: Infinity, scale, ok: false, problem: `NaN mismatch at index ${nanAt}` };
  return { maxAbsError, scale, ok: maxAbsError <= tolerance * scale };
}
