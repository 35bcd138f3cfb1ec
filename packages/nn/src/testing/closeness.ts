/**
 * Largest violation of |got − want| ≤ rtol·(|want| + max|want|): relative per element, with the
 * tensor's scale as the floor so values near zero don't demand impossible digits. NaN must meet NaN.
 *
 * @example
 * const { ok, worst } = closeness(await y.data(), await expected.data(), PARITY_RTOL);
 * if (!ok) throw new Error(`output differs from torch: ${worst}`);
 */
export function closeness(got: Float32Array, want: Float32Array, rtol: number): { ok: boolean; worst: string } {
  if (got.length !== want.length) return { ok: false, worst: `length ${got.length} vs ${want.length}` };
  let scale = 0;
  for (const w of want) if (Number.isFinite(w)) scale = Math.max(scale, Math.abs(w));
  let worst = 0;
  let where = -1;
  for (let i = 0; i < want.length; i++) {
    const g = got[i]!;
    const w = want[i]!;
    if (Number.isNaN(w) || Number.isNaN(g)) {
      if (Number.isNaN(w) !== Number.isNaN(g)) return { ok: false, worst: `index ${i}: got ${g}, want ${w}` };
      continue;
    }
    const ratio = Math.abs(g - w) / (rtol * (Math.abs(w) + scale) || 1);
    if (ratio > worst) [worst, where] = [ratio, i];
  }
  return { ok: worst <= 1, worst: where < 0 ? 'exact' : `index ${where}: got ${got[where]}, want ${want[where]} (${worst.toFixed(2)}× tolerance)` };
}
