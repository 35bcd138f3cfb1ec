export interface CliOptions {
  readonly quick: boolean;
  readonly only: string[];
  readonly iters: number;
  readonly budgetS: number;
  readonly minIters: number;
  readonly maxFirstS: number | null;
  readonly callTimeoutS: number;
  readonly settleMs: number;
  readonly require: string[];
  readonly out: string | null;
  readonly help: boolean;
}

export const USAGE = `usage: pnpm bench [--quick] [--only <workload|case|contender>[,…]] [--iters N] [--budget-s S] [--out DIR]

  --quick      tiny shapes, correctness of every contender only (no timing); exits 1 if any
               contender disagrees with ours-cpu or fails unexpectedly
  --only X     run only matching workloads (W1…W4, R), cases (part of an id: conv1d-d3) and/or
               contenders (ours-cpu is always run: it is the reference); repeatable or comma-separated
  --iters N    timed calls per contender and case (default 10)
  --budget-s S timed-call budget per contender and case (default 60); only a contender slower
               than S/N seconds per call gets fewer calls (never under --min-iters)
  --min-iters M the fewest timed calls a slow contender gets (default 3)
  --require X  contenders that must be available here (comma-separated): exit 1 if one is skipped,
               so CI notices a contender that stopped loading
  --max-first-s F shorten a run on a slow or busy machine: a contender whose checked first call
               takes over F seconds is not called again, that call is its only (marked) sample
  --call-timeout-s T stop a call (the checked first call included) after T seconds (default 300):
               its worker is killed and started again for the next case, and the cell reads
               "timed out after T s"; a time-out is a recorded limitation, not a failure (exit 0)
  --settle-ms P pause P ms between one contender's call and the next contender's in timed runs
               (default 100; 0 turns it off): lets threads a call leaves spinning stop first
  --out DIR    where to write <DIR>/latest.{json,md} and the SVGs (default: packages/bench/results
               for a full unfiltered run; other runs print the table and write nothing unless given)`;

/** Parses the bench's command line; throws with the usage on anything it does not know. */
export function parseCliOptions(argv: readonly string[]): CliOptions {
  const o = { quick: false, only: [] as string[], iters: 10, budgetS: 60, minIters: 3, maxFirstS: null as number | null, callTimeoutS: 300, settleMs: 100, require: [] as string[], out: null as string | null, help: false };
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value\n\n${USAGE}`);
    return v;
  };
  const positive = (text: string, flag: string): number => {
    const n = Number(text);
    if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag} must be a positive number; received ${text}\n\n${USAGE}`);
    return n;
  };
  const nonNegative = (text: string, flag: string): number => {
    const n = Number(text);
    if (!Number.isFinite(n) || n < 0) throw new Error(`${flag} must be a number ≥ 0; received ${text}\n\n${USAGE}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') continue; // pnpm may forward a separator
    else if (a === '--quick') o.quick = true;
    else if (a === '--help' || a === '-h') o.help = true;
    else if (a === '--only') o.only.push(...value(i++, a).split(',').filter((s) => s !== ''));
    else if (a === '--iters') o.iters = Math.round(positive(value(i++, a), a));
    else if (a === '--budget-s') o.budgetS = positive(value(i++, a), a);
    else if (a === '--min-iters') o.minIters = Math.round(positive(value(i++, a), a));
    else if (a === '--max-first-s') o.maxFirstS = positive(value(i++, a), a);
    else if (a === '--call-timeout-s') o.callTimeoutS = positive(value(i++, a), a);
    else if (a === '--settle-ms') o.settleMs = nonNegative(value(i++, a), a);
    else if (a === '--require') o.require.push(...value(i++, a).split(',').filter((s) => s !== ''));
    else if (a === '--out') o.out = value(i++, a);
    else throw new Error(`unknown argument ${a}\n\n${USAGE}`);
  }
  return o;
}
