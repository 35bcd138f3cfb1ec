import type { BenchCase } from '../workloads/bench-case.js';
import type { FailureStatus } from './protocol.js';
import type { Stats } from './stats.js';

/** ok: checked and timed; mismatch: disagrees with ours-cpu beyond the tolerance, so not timed. */
export type ResultStatus = 'ok' | 'mismatch' | FailureStatus;

export interface CaseResult {
  readonly contender: string;
  readonly status: ResultStatus;
  /** Why there is no number (unavailable/unsupported/error) or what disagreed (mismatch). */
  readonly message?: string;
  readonly stats?: Stats;
  /** GFLOP/s or GB/s (the case's metric) at the median. */
  readonly rate?: number;
  /** max |out − ours-cpu|, and that over max |ours-cpu|. */
  readonly maxAbsError?: number;
  readonly relError?: number;
  /** Worker restarts after crashes while running this case. */
  readonly retries: number;
  /** The only sample is the checked first call (warm-up included): it exceeded --max-first-s. */
  readonly firstCallOnly?: boolean;
}

export interface CaseReport {
  readonly case: BenchCase;
  readonly results: CaseResult[];
}

export interface ContenderReport {
  readonly name: string;
  readonly ours: boolean;
  readonly available: boolean;
  readonly version?: string;
  readonly device?: string;
  readonly message?: string;
}

export interface MachineInfo {
  readonly cpu: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly os: string;
  readonly node: string;
}

export interface BenchResults {
  readonly generatedAt: string;
  readonly quick: boolean;
  readonly machine: MachineInfo;
  readonly method: {
    readonly iters: number;
    readonly minIters: number;
    readonly warmup: number;
    readonly budgetMs: number;
    /** null: every contender was timed after its check. */
    readonly maxFirstMs: number | null;
    /** --call-timeout-s: a call taking longer was stopped and recorded as 'timeout'. */
    readonly callTimeoutMs: number;
    /** --settle-ms: the pause between one contender's call and the next contender's. */
    readonly settleMs: number;
  };
  readonly contenders: ContenderReport[];
  readonly cases: CaseReport[];
}

/** GFLOP/s or GB/s of one call taking `ms`. */
export function rateOf(c: BenchCase, ms: number): number {
  const amount = c.metric === 'GFLOP/s' ? c.flops : c.bytes;
  return amount / (ms * 1e6);
}
