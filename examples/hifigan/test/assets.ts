import { fileURLToPath } from 'node:url';

/** Paths of the committed V3 assets written by tools/fixtures/gen_hifigan.py (real PyTorch 1.13). */
export const asset = (name: string): string => fileURLToPath(new URL(`../assets/${name}`, import.meta.url));

export function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  if (a.length !== b.length) throw new Error(`lengths differ: ${a.length} vs ${b.length}`);
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!);
    // NaN must fail the comparison, not vanish in Math.max.
    worst = Number.isNaN(d) ? Infinity : Math.max(worst, d);
  }
  return worst;
}
