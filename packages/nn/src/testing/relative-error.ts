/**
 * Worst |got − want| / |want| over the entries that are not tiny next to the tensor's largest
 * (above 1e-3 of max|want|): the number reported next to a pass, where closeness only says pass/fail.
 *
 * @example
 * relativeError(Float32Array.of(1.001, 2), Float32Array.of(1, 2)); // ≈ 1e-3
 */
export function relativeError(got: Float32Array, want: Float32Array): number {
  let scale = 0;
  for (const w of want) scale = Math.max(scale, Math.abs(w));
  let worst = 0;
  want.forEach((w, i) => {
    if (Math.abs(w) > 1e-3 * scale) worst = Math.max(worst, Math.abs(got[i]! - w) / Math.abs(w));
  });
  return worst;
}
