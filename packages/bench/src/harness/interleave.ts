export interface Step {
  readonly contender: string;
  readonly phase: 'warmup' | 'timed';
  /** 0-based round within the phase. */
  readonly round: number;
}

/**
 * The order of calls for one case: every contender's warm-up calls first, then round i of every
 * contender before round i+1 of any, so drift on the machine (thermal, a neighbour's load) spreads
 * over all contenders alike. A contender with fewer calls (a slow one under the time budget) drops
 * out of the later rounds.
 */
export function interleave(plan: ReadonlyMap<string, { warmup: number; timed: number }>): Step[] {
  const steps: Step[] = [];
  for (const phase of ['warmup', 'timed'] as const) {
    const rounds = Math.max(0, ...[...plan.values()].map((p) => p[phase]));
    for (let round = 0; round < rounds; round++) {
      for (const [contender, p] of plan) if (round < p[phase]) steps.push({ contender, phase, round });
    }
  }
  return steps;
}
