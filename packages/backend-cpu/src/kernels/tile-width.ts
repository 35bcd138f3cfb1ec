/** Most floats one column tile may hold (4 MiB), however deep channels·prod(kernel) gets. */
const COLUMN_BUDGET = 1 << 20;

/** Positions per im2col tile: the context's choice, capped by the budget and the work. */
export function tileWidth(preferred: number, depth: number, positions: number): number {
  const budget = depth > 0 ? Math.floor(COLUMN_BUDGET / depth) : preferred;
  return Math.max(1, Math.min(Math.floor(preferred), budget, positions));
}
