import type { ContenderEntry } from '../contenders/index.js';
import { REFERENCE } from '../contenders/index.js';
import type { BenchCase } from '../workloads/bench-case.js';

/**
 * Applies `--only` tokens: a token names a contender (exact), a workload ('W2', 'R'), or part of a
 * case id ('conv1d-d3', 'roofline'). Contender tokens narrow the contenders, case tokens the cases;
 * ours-cpu always stays, as the reference every output is checked against.
 */
export function select(
  only: readonly string[],
  cases: readonly BenchCase[],
  contenders: readonly ContenderEntry[],
): { cases: BenchCase[]; contenders: ContenderEntry[] } {
  const contenderTokens = only.filter((t) => contenders.some((c) => c.name === t));
  const caseTokens = only.filter((t) => !contenderTokens.includes(t));
  const workloads = new Set(cases.map((c) => c.workload.toLowerCase()));
  // A workload id matches only its workload ('R' must not match every id containing an r).
  const matches = (c: BenchCase, t: string): boolean =>
    workloads.has(t.toLowerCase()) ? c.workload.toLowerCase() === t.toLowerCase() : c.id.includes(t.toLowerCase());
  const unknown = caseTokens.filter((t) => !cases.some((c) => matches(c, t)));
  if (unknown.length > 0) {
    throw new Error(
      `--only: ${unknown.map((t) => `"${t}"`).join(', ')} names no contender (${contenders.map((c) => c.name).join(', ')}) ` +
        `and no workload or case (${[...new Set(cases.map((c) => c.workload))].join(', ')}; ${cases.map((c) => c.id).join(', ')})`,
    );
  }
  return {
    cases: caseTokens.length === 0 ? [...cases] : cases.filter((c) => caseTokens.some((t) => matches(c, t))),
    contenders: contenderTokens.length === 0 ? [...contenders] : contenders.filter((c) => c.name === REFERENCE || contenderTokens.includes(c.name)),
  };
}
