/**
 * Workgroup counts for `groups` workgroups under the per-dimension limit: x first, the rest in y.
 * Shaders rebuild the linear index as wid.y * nwg.x + wid.x and bound-check it.
 */
export function grid(groups: number, maxPerDimension: number): [number, number, number] {
  if (groups <= maxPerDimension) return [groups, 1, 1];
  return [maxPerDimension, Math.ceil(groups / maxPerDimension), 1];
}
