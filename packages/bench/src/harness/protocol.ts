import type { BenchCase } from '../workloads/bench-case.js';

/**
 * The coordinator ↔ worker protocol: one request at a time, each answered once. Inputs travel as
 * raw float32 files in `dir` (<name>.f32), the checked output comes back as a file, so the big
 * arrays never cross the pipe and the Python worker speaks the same protocol.
 */
export type Request =
  | { id: number; op: 'start' }
  | { id: number; op: 'setup'; case: BenchCase; dir: string; outFile: string }
  | { id: number; op: 'run'; caseId: string }
  | { id: number; op: 'dispose'; caseId: string };

/**
 * Why a contender has no number for a case (or no number at all). 'timeout' is set by the
 * coordinator (a call outlived --call-timeout-s), never sent by a worker.
 */
export type FailureStatus = 'unavailable' | 'unsupported' | 'error' | 'timeout';

export type Reply =
  | { id: number; ok: true; version?: string; device?: string; ms?: number }
  | { id: number; ok: false; status: FailureStatus; message: string };
