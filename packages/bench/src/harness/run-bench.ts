import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, type as osType, release } from 'node:os';
import { join } from 'node:path';
import { CONTENDERS, REFERENCE } from '../contenders/index.js';
import { makeInputs } from '../workloads/make-inputs.js';
import { WORKLOADS } from '../workloads/index.js';
import type { BenchCase } from '../workloads/bench-case.js';
import { compareOutputs } from './compare-outputs.js';
import { ContenderSession } from './contender-session.js';
import { callPlan } from './call-plan.js';
import { interleave } from './interleave.js';
import { mapLimit } from './map-limit.js';
import { WorkerTimeoutError } from './worker-process.js';
import type { Reply } from './protocol.js';
import { rateOf, type BenchResults, type CaseResult, type ContenderReport } from './results.js';
import { select } from './select.js';
import { stats } from './stats.js';

export interface BenchOptions {
  readonly quick: boolean;
  readonly only: readonly string[];
  /** Timed calls per contender and case (≥ 10 for a full run). */
  readonly iters: number;
  /** The fewest timed calls a slow contender gets under the time budget. */
  readonly minIters: number;
  readonly warmup: number;
  /** Timed-call budget per contender and case; only contenders slower than budget/iters get fewer calls. */
  readonly budgetMs: number;
  readonly maxRetries: number;
  /**
   * A call (the checked first call included) that takes longer is stopped: the worker is killed,
   * the contender's case is recorded as timed out, and the worker is started again for the next case.
   */
  readonly callTimeoutMs: number;
  /**
   * Full runs: a pause between one contender's call and the next contender's, so threads a call
   * leaves spinning (onnxruntime's intra-op pool spins ~50 ms after returning) do not eat into the
   * next contender's timed call on a small machine. 0 turns it off.
   */
  readonly settleMs: number;
  /**
   * A contender whose checked first call takes longer than this is not called again: that call
   * (warm-up included) is its only sample, marked in the results. Infinity (the default) always times.
   */
  readonly maxFirstMs?: number;
  readonly python: string;
  readonly torchScript: string;
  /** Scratch directory for input and output files (removed afterwards). */
  readonly workDir: string;
  readonly onProgress?: (e: ProgressEvent) => void;
  /** Called after every case with the results so far, so a long run leaves a trace if stopped. */
  readonly onCaseDone?: (partial: BenchResults) => void;
}

export type ProgressEvent =
  | { kind: 'start'; contender: string }
  | { kind: 'case'; index: number; total: number; case: BenchCase }
  | { kind: 'step'; case: BenchCase; contender: string; done: number; total: number; what: string };

/**
 * Runs every selected case on every selected contender: check against ours-cpu first, then (full
 * runs) interleaved warm-up and timed calls. Each contender lives in its own process for the whole
 * run; a crashed one is restarted and its retries counted.
 */
export async function runBench(o: BenchOptions): Promise<BenchResults> {
  const all = WORKLOADS.flatMap((w) => w.cases(o.quick));
  const { cases, contenders } = select(o.only, all, CONTENDERS);
  mkdirSync(o.workDir, { recursive: true });
  const sessions: ContenderSession[] = [];
  const reports: ContenderReport[] = [];
  try {
    // Start-up is mostly module loading: run as many at once as there are cores.
    const started = await mapLimit(contenders, cpus().length, async (entry) => {
      o.onProgress?.({ kind: 'start', contender: entry.name });
      const s = new ContenderSession(entry, { python: o.python, torchScript: o.torchScript, maxRetries: o.maxRetries, callTimeoutMs: o.callTimeoutMs });
      return { entry, s, r: await s.start() };
    });
    for (const { entry, s, r } of started) {
      if (r.ok) {
        sessions.push(s);
        reports.push({ name: entry.name, ours: entry.ours, available: true, version: r.version, device: r.device });
      } else {
        await s.close();
        reports.push({ name: entry.name, ours: entry.ours, available: false, message: r.message });
      }
    }
    const caseReports: BenchResults['cases'] = [];
    const snapshot = (): BenchResults => ({
      generatedAt: new Date().toISOString(),
      quick: o.quick,
      machine: machineInfo(),
      method: {
        iters: o.iters,
        minIters: o.minIters,
        warmup: o.warmup,
        budgetMs: o.budgetMs,
        maxFirstMs: Number.isFinite(o.maxFirstMs ?? Infinity) ? o.maxFirstMs! : null,
        callTimeoutMs: o.callTimeoutMs,
        settleMs: o.settleMs,
      },
      contenders: reports,
      cases: [...caseReports],
    });
    for (const [index, c] of cases.entries()) {
      o.onProgress?.({ kind: 'case', index, total: cases.length, case: c });
      caseReports.push({ case: c, results: await runCase(c, sessions, reports, o) });
      o.onCaseDone?.(snapshot());
    }
    return snapshot();
  } finally {
    await Promise.all(sessions.map((s) => s.close()));
    rmSync(o.workDir, { recursive: true, force: true });
  }
}

async function runCase(c: BenchCase, sessions: ContenderSession[], reports: ContenderReport[], o: BenchOptions): Promise<CaseResult[]> {
  const dir = join(o.workDir, c.id);
  mkdirSync(dir, { recursive: true });
  for (const [name, data] of makeInputs(c)) writeFileSync(join(dir, `${name}.f32`), new Uint8Array(data.buffer, data.byteOffset, data.byteLength));

  const results = new Map<string, CaseResult>();
  for (const r of reports) if (!r.available) results.set(r.name, { contender: r.name, status: 'unavailable', message: r.message, retries: 0 });

  // Correctness first, the reference (ours-cpu, first in the list) before everyone else.
  const firstMs = new Map<string, number>();
  const total = o.quick ? sessions.length : sessions.length * (1 + o.warmup + o.iters);
  let done = 0;
  const step = (contender: string, what: string): void => o.onProgress?.({ kind: 'step', case: c, contender, done: ++done, total, what });
  // --quick runs the checks side by side (no timing to disturb); a full run one at a time, since
  // the first call's time sets each contender's number of calls.
  const checked = await mapLimit(sessions, o.quick ? cpus().length : 1, async (s) => {
    const outFile = join(dir, `${s.entry.name}.out.f32`);
    if (!o.quick) await settle(o.settleMs);
    const reply = await guarded(() => s.setup(c, dir, outFile));
    step(s.entry.name, 'check');
    return { s, reply, outFile };
  });
  const outputs = new Map(checked.filter((x) => x.reply.ok).map((x) => [x.s.entry.name, readAndRemove(x.outFile)]));
  const reference = c.kind === 'copy' ? readF32(join(dir, 'x.f32')) : outputs.get(REFERENCE);
  for (const { s, reply } of checked) {
    const name = s.entry.name;
    if (!reply.ok) {
      results.set(name, { contender: name, status: reply.status, message: reply.message, retries: s.retries });
      continue;
    }
    if (!reference) {
      results.set(name, { contender: name, status: 'error', message: `no ${REFERENCE} output to check against`, retries: s.retries });
      continue;
    }
    const cmp = compareOutputs(outputs.get(name)!, reference, c.tolerance);
    const errs = { maxAbsError: cmp.maxAbsError, relError: cmp.scale > 0 ? cmp.maxAbsError / cmp.scale : cmp.maxAbsError };
    if (!cmp.ok) {
      const message = cmp.problem ?? `max |error| ${cmp.maxAbsError.toExponential(2)} > ${c.tolerance} × max |ref| ${cmp.scale.toExponential(2)}`;
      results.set(name, { contender: name, status: 'mismatch', message, ...errs, retries: s.retries });
      continue;
    }
    results.set(name, { contender: name, status: 'ok', ...errs, retries: s.retries });
    firstMs.set(name, reply.ms ?? 0);
  }

  if (!o.quick) {
    const live = sessions.filter((s) => results.get(s.entry.name)?.status === 'ok');
    const maxFirst = o.maxFirstMs ?? Infinity;
    const firstOnly = new Set(live.filter((s) => firstMs.get(s.entry.name)! > maxFirst).map((s) => s.entry.name));
    const plan = new Map(live.filter((s) => !firstOnly.has(s.entry.name)).map((s) => [s.entry.name, callPlan(firstMs.get(s.entry.name)!, o)]));
    const samples = new Map<string, number[]>([...plan.keys()].map((n) => [n, []]));
    const failed = new Map<string, { status: 'error' | 'timeout'; message: string }>();
    let previous = '';
    for (const st of interleave(plan)) {
      if (failed.has(st.contender)) continue;
      const s = live.find((x) => x.entry.name === st.contender)!;
      if (st.contender !== previous) {
        await settle(o.settleMs);
        // After the pause the process has slept: its caches are cold and its threads parked. For a
        // short call that wake-up is most of the time (ours-cpu W1 512×512×3: 0.37 ms in a loop,
        // 1.1 ms after 100 ms idle), so one untimed call wakes it first, as a model running in a
        // loop would be. Long calls are not worth doubling.
        if (st.phase === 'timed' && o.settleMs > 0 && firstMs.get(st.contender)! < REWARM_BELOW_MS) {
          const warm = await guarded(() => s.run(c.id));
          if (!warm.ok) {
            failed.set(st.contender, { status: warm.status === 'timeout' ? 'timeout' : 'error', message: warm.message });
            continue;
          }
        }
      }
      previous = st.contender;
      const reply = await guarded(() => s.run(c.id));
      step(st.contender, `${st.phase} ${st.round + 1}/${plan.get(st.contender)![st.phase]}`);
      if (!reply.ok) failed.set(st.contender, { status: reply.status === 'timeout' ? 'timeout' : 'error', message: reply.message });
      else if (st.phase === 'timed') samples.get(st.contender)!.push(reply.ms!);
    }
    for (const s of live) {
      const name = s.entry.name;
      const prev = results.get(name)!;
      const fail = failed.get(name);
      if (fail !== undefined) {
        results.set(name, { ...prev, ...fail, retries: s.retries });
        continue;
      }
      const st = stats(firstOnly.has(name) ? [firstMs.get(name)!] : samples.get(name)!);
      results.set(name, { ...prev, stats: st, rate: rateOf(c, st.median), retries: s.retries, ...(firstOnly.has(name) ? { firstCallOnly: true } : {}) });
    }
  }
  for (const s of sessions) await s.dispose(c.id);
  rmSync(dir, { recursive: true, force: true });
  return [...CONTENDERS.filter((e) => results.has(e.name)).map((e) => results.get(e.name)!)];
}

/** Calls whose checked first call took less than this get an untimed wake-up call after each pause. */
const REWARM_BELOW_MS = 50;

/** Lets the previous call's leftover work (spinning pool threads) end before the next call starts. */
function settle(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

/**
 * A crash past the retry limit becomes an error result instead of ending the run; a call past
 * --call-timeout-s a 'timeout' result (a limitation of that contender here, not a failure of the run).
 */
async function guarded(call: () => Promise<Reply>): Promise<Reply> {
  try {
    return await call();
  } catch (e) {
    return { id: 0, ok: false, status: e instanceof WorkerTimeoutError ? 'timeout' : 'error', message: (e as Error).message };
  }
}

function readAndRemove(path: string): Float32Array {
  const data = readF32(path);
  rmSync(path, { force: true });
  return data;
}

function readF32(path: string): Float32Array {
  const buf = readFileSync(path);
  // A copy: a small file's Buffer may sit at an offset that is not a multiple of 4.
  return new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
}

function machineInfo(): BenchResults['machine'] {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${osType()} ${release()}`,
    node: process.version,
  };
}
