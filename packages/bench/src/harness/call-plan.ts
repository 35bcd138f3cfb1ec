/**
 * How many calls a contender gets: `iters` timed calls, fewer (never under `minIters`) when its
 * first call shows they would take longer than `budgetMs`; a slow first call already served as warm-up.
 */
export function callPlan(firstMs: number, o: { iters: number; minIters: number; warmup: number; budgetMs: number }): { warmup: number; timed: number } {
  const fit = Math.floor(o.budgetMs / Math.max(firstMs, 1e-3));
  const timed = Math.max(o.minIters, Math.min(o.iters, fit));
  return { warmup: firstMs > 1000 ? 0 : o.warmup, timed };
}
