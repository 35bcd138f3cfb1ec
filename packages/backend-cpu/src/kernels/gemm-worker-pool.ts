/** One GEMM call's arguments for the WebAssembly `gemm` export, all byte addresses or counts. */
export type GemmJob = readonly [
  m: number, n: number, k: number,
  a: number, aRow: number, aCol: number,
  b: number, ldb: number,
  c: number, ldc: number,
  accumulate: number,
  work: number,
];

/** Helpers that each run the shared-memory GEMM module on a slice of a product, in parallel. */
export interface GemmWorkerPool {
  /** Helpers that have started and can take a job now (helpers come up asynchronously). */
  ready(): number;
  /** Runs jobs[i] on ready helper i (jobs.length ≤ ready()); `own` runs here meanwhile; waits for all. */
  run(jobs: readonly GemmJob[], own: () => void): void;
}

// Per helper, a row of the control block: [posted sequence, finished sequence, failed, ready, job…].
const POSTED = 0;
const FINISHED = 1;
const FAILED = 2;
const READY = 3;
const JOB = 4;
const STRIDE = 16;

// The helper's whole program, run with `eval` so no file path has to survive bundling. It blocks on
// its control row (Atomics.wait is allowed in workers), runs each posted job and reports back.
const HELPER_SOURCE = `
const { workerData } = require('node:worker_threads');
const { module, memory, control, slot } = workerData;
const ctl = new Int32Array(control);
const row = slot * ${STRIDE};
const { gemm } = new WebAssembly.Instance(module, { env: { memory } }).exports;
Atomics.store(ctl, row + ${READY}, 1);
let seen = 0;
for (;;) {
  Atomics.wait(ctl, row + ${POSTED}, seen);
  seen = Atomics.load(ctl, row + ${POSTED});
  const j = ctl.subarray(row + ${JOB}, row + ${JOB + 12});
  try {
    gemm(j[0], j[1], j[2], j[3], j[4], j[5], j[6], j[7], j[8], j[9], j[10], j[11]);
  } catch {
    Atomics.store(ctl, row + ${FAILED}, 1);
  }
  Atomics.store(ctl, row + ${FINISHED}, seen);
  Atomics.notify(ctl, row + ${FINISHED});
}
`;

interface WorkerLike {
  unref(): void;
}
interface WorkerThreads {
  Worker: new (source: string, options: { eval: true; workerData: unknown }) => WorkerLike;
}

/**
 * `helpers` Node worker threads sharing `memory`, or undefined where there are no worker threads
 * (browsers, other runtimes) so the caller stays on one thread. The calling thread blocks in
 * Atomics.wait while helpers finish, which Node allows on its main thread; browsers do not, which
 * is one reason this pool is Node-only for now. Helpers are unref'd: they never keep a process alive.
 */
export function createGemmWorkerPool(module: WebAssembly.Module, memory: WebAssembly.Memory, helpers: number): GemmWorkerPool | undefined {
  const getBuiltin = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule;
  const threads = getBuiltin?.('node:worker_threads') as WorkerThreads | undefined;
  if (!threads || helpers < 1) return undefined;
  const control = new SharedArrayBuffer(helpers * STRIDE * 4);
  const ctl = new Int32Array(control);
  try {
    for (let slot = 0; slot < helpers; slot++) {
      new threads.Worker(HELPER_SOURCE, { eval: true, workerData: { module, memory, control, slot } }).unref();
    }
  } catch {
    return undefined;
  }
  let sequence = 0;
  return {
    ready() {
      let count = 0;
      while (count < helpers && Atomics.load(ctl, count * STRIDE + READY) === 1) count++;
      return count;
    },
    run(jobs, own) {
      sequence = (sequence + 1) | 0 || 1;
      jobs.forEach((job, i) => {
        ctl.set(job, i * STRIDE + JOB);
        Atomics.store(ctl, i * STRIDE + POSTED, sequence);
        Atomics.notify(ctl, i * STRIDE + POSTED);
      });
      own();
      let failed = false;
      jobs.forEach((_, i) => {
        const row = i * STRIDE;
        for (let seen = Atomics.load(ctl, row + FINISHED); seen !== sequence; seen = Atomics.load(ctl, row + FINISHED)) {
          Atomics.wait(ctl, row + FINISHED, seen);
        }
        if (Atomics.exchange(ctl, row + FAILED, 0) === 1) failed = true;
      });
      if (failed) throw new Error('a GEMM worker thread trapped');
    },
  };
}
