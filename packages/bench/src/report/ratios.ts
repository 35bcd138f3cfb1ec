import type { CaseReport, ContenderReport } from '../harness/results.js';

export interface CaseRatios {
  /** The fastest peer (not ours-*) with a checked timing, or null when no peer ran. */
  readonly fastestPeer: string | null;
  readonly fastestPeerMs: number | null;
  /** contender → fastest peer's median ÷ its median: > 1 is faster than the best peer. */
  readonly speed: ReadonlyMap<string, number>;
}

/** Ratios of every timed contender against the fastest peer of one case. */
export function caseRatios(report: CaseReport, contenders: readonly ContenderReport[]): CaseRatios {
  const ours = new Set(contenders.filter((c) => c.ours).map((c) => c.name));
  let fastestPeer: string | null = null;
  let best = Infinity;
  for (const r of report.results) {
    if (r.status === 'ok' && r.stats && !ours.has(r.contender) && r.stats.median < best) {
      best = r.stats.median;
      fastestPeer = r.contender;
    }
  }
  const speed = new Map<string, number>();
  if (fastestPeer !== null) for (const r of report.results) if (r.status === 'ok' && r.stats) speed.set(r.contender, best / r.stats.median);
  return { fastestPeer, fastestPeerMs: fastestPeer === null ? null : best, speed };
}
