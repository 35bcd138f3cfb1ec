/**
 * w = g · v / ‖v‖ per row of dim 0, in float64, then rounded once: the folded weight every
 * contender's cached case receives.
 */
export function foldWeightNorm(v: Float32Array, g: Float32Array, rows: number): Float32Array {
  const w = new Float32Array(v.length);
  const n = v.length / rows;
  for (let r = 0; r < rows; r++) {
    let ss = 0;
    for (let i = r * n; i < (r + 1) * n; i++) ss += v[i]! * v[i]!;
    const scale = g[r]! / Math.sqrt(ss);
    for (let i = r * n; i < (r + 1) * n; i++) w[i] = v[i]! * scale;
  }
  return w;
}
