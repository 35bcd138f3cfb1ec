/**
 * One call of an export of the kernels module: its name and its arguments (byte addresses, counts
 * and, for weight norm, eps), all plain numbers so they travel through a Float64Array.
 */
export type WasmJob = readonly [kernel: WasmKernelName, ...args: number[]];

/** The exports helpers may run, by index in the control block. */
export const WASM_KERNELS = ['gemm', 'weightNormRows', 'weightNormGradGRows', 'weightNormGradVRows', 'binaryF32', 'whereF32', 'chainF32'] as const;
export type WasmKernelName = (typeof WASM_KERNELS)[number];

/**
 * In a job, stands for the packing area of whichever thread runs it (the GEMM's `work` argument):
 * jobs go to threads first come, first served, so a job cannot name its thread's area itself.
 */
export const THREAD_WORK = -1;

/** Helpers that run exports of the shared-memory kernels module on slices of the work. */
export interface WasmWorkerPool {
  /** Helpers that have started and can take jobs (helpers come up asynchronously). */
  ready(): number;
  /**
   * Runs every job once and returns when all are done: this thread (through `exec`) and every
   * helper that is awake take the next unclaimed job until none is left, so a helper that wakes
   * late, or shares its core with another process, leaves its jobs to the others instead of
   * holding everyone up. At most MAX_JOBS jobs. Returns how many ran on this thread.
   */
  run(jobs: readonly WasmJob[], exec: (job: WasmJob) => void): number;
}

/** Most jobs one run may hold (the argument table's rows). */
export const MAX_JOBS = 256;

// The control block, one Int32Array for the pool: the run's generation (helpers wait on it), the
// claim word, jobs done, the job count, whether a helper trapped, then one ready flag per helper.
const POSTED = 0;
const CLAIM = 1;
const DONE = 2;
const TOTAL = 3;
const FAILED = 4;
const READY = 8;
const ARGS = 16;
/**
 * The claim word is generation << INDEX_BITS | next job index: a thread claims a job by one
 * compare-exchange that also proves the run it read is still the current one, so a helper waking
 * from an earlier run can never take an index of the next (it would then run twice).
 */
const INDEX_BITS = 12;
const INDEX_MASK = (1 << INDEX_BITS) - 1;
/** Generations wrap below the sign bit. */
const GENERATIONS = 1 << (31 - INDEX_BITS);
/**
 * Polls of a control word before a thread blocks on it (tens of microseconds). A kernel's next
 * parallel region, or a helper's result, usually comes sooner than a blocked thread would wake:
 * in a VM, waking a halted vCPU costs ~0.1 ms, about what a 512×512×3 weight norm takes per
 * thread. OpenMP runtimes and onnxruntime's thread pool spin before sleeping for the same reason.
 */
const SPIN = 1 << 14;

// A helper's whole program, run from source so no file path has to survive bundling. It blocks on
// the generation word (Atomics.wait is allowed in workers), then claims jobs until none is left.
// `start` receives what the pool sends: the module, the shared memory and the control block.
const HELPER_LOOP = `
function start({ module, memory, control, args, slot, work, names }) {
  const ctl = new Int32Array(control);
  const arg = new Float64Array(args);
  const exports = new WebAssembly.Instance(module, { env: { memory } }).exports;
  const kernels = names.map((n) => exports[n]);
  const a = new Array(${ARGS});
  Atomics.store(ctl, ${READY} + slot, 1);
  let seen = 0;
  for (;;) {
    for (let i = 0; i < ${SPIN} && Atomics.load(ctl, ${POSTED}) === seen; i++);
    Atomics.wait(ctl, ${POSTED}, seen);
    seen = Atomics.load(ctl, ${POSTED});
    for (;;) {
      const claim = Atomics.load(ctl, ${CLAIM});
      const job = claim & ${INDEX_MASK};
      if (claim >>> ${INDEX_BITS} !== seen || job >= Atomics.load(ctl, ${TOTAL})) break;
      if (Atomics.compareExchange(ctl, ${CLAIM}, claim, claim + 1) !== claim) continue;
      for (let i = 0; i < ${ARGS}; i++) {
        const v = arg[job * ${ARGS} + i];
        a[i] = v === ${THREAD_WORK} ? work : v;
      }
      try {
        kernels[a[0]](a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11], a[12], a[13], a[14], a[15]);
      } catch {
        Atomics.store(ctl, ${FAILED}, 1);
      }
      if (Atomics.add(ctl, ${DONE}, 1) + 1 === Atomics.load(ctl, ${TOTAL})) Atomics.notify(ctl, ${DONE});
    }
  }
}
`;
/** Node: a worker_threads Worker evaluating this source gets its start data as workerData. */
const NODE_HELPER = `${HELPER_LOOP}\nstart(require('node:worker_threads').workerData);`;
/** Browsers: a module-less Web Worker from a Blob URL gets its start data as its first message. */
const WEB_HELPER = `${HELPER_LOOP}\nself.onmessage = (e) => start(e.data);`;

interface WorkerLike {
  unref(): void;
}
interface WorkerThreads {
  Worker: new (source: string, options: { eval: true; workerData: unknown }) => WorkerLike;
}
interface WebWorkerGlobals {
  Worker?: new (url: string) => { postMessage(data: unknown): void };
  Blob?: new (parts: string[], options: { type: string }) => unknown;
  URL?: { createObjectURL(blob: unknown): string };
  crossOriginIsolated?: boolean;
}

/**
 * Starts `helpers` threads running NODE_HELPER / WEB_HELPER; false where this runtime has neither
 * Node's worker threads nor Web Workers that may share memory (a page must be cross-origin isolated).
 */
function startHelpers(helpers: number, data: (slot: number) => Record<string, unknown>): boolean {
  const getBuiltin = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule;
  const threads = getBuiltin?.('node:worker_threads') as WorkerThreads | undefined;
  try {
    if (threads) {
      // Unref'd: helpers never keep a process alive.
      for (let slot = 0; slot < helpers; slot++) new threads.Worker(NODE_HELPER, { eval: true, workerData: data(slot) }).unref();
      return true;
    }
    const web = globalThis as WebWorkerGlobals;
    if (!web.Worker || !web.Blob || !web.URL || web.crossOriginIsolated !== true) return false;
    const url = web.URL.createObjectURL(new web.Blob([WEB_HELPER], { type: 'text/javascript' }));
    for (let slot = 0; slot < helpers; slot++) new web.Worker(url).postMessage(data(slot));
    return true;
  } catch {
    // A page whose Content-Security-Policy forbids blob: workers, for one: stay on one thread.
    return false;
  }
}

/**
 * Waits until ctl[index] is no longer `value`: Atomics.wait where this thread may block (Node's
 * main thread, any worker), a spin on Atomics.load on a browser's main thread, which may not.
 * Kernels are synchronous, so the page is blocked for the kernel's duration either way.
 */
function waitWhile(ctl: Int32Array, index: number, value: number): void {
  if (canBlock) {
    for (let i = 0; i < SPIN; i++) if (Atomics.load(ctl, index) !== value) return;
    Atomics.wait(ctl, index, value);
    return;
  }
  while (Atomics.load(ctl, index) === value) {
    // spin: the helpers finish their slices in about the time this thread took for its own
  }
}

let canBlock = true;
try {
  // A value that cannot match returns at once where waiting is allowed and throws where it is not.
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
} catch {
  canBlock = false;
}

/**
 * `helpers` threads sharing `memory`: Node worker threads, or Web Workers in a cross-origin
 * isolated page; undefined where neither exists, so the caller stays on one thread. Helpers come
 * up asynchronously (ready() counts them); until then kernels run on the calling thread alone.
 * Helper i packs GEMM panels in `workArea(i + 1)`; the calling thread keeps workArea(0).
 */
export function createWasmWorkerPool(module: WebAssembly.Module, memory: WebAssembly.Memory, helpers: number, workArea: (thread: number) => number): WasmWorkerPool | undefined {
  if (helpers < 1 || typeof SharedArrayBuffer !== 'function') return undefined;
  const control = new SharedArrayBuffer((READY + helpers) * 4);
  const args = new SharedArrayBuffer(MAX_JOBS * ARGS * 8);
  const ctl = new Int32Array(control);
  const arg = new Float64Array(args);
  const data = (slot: number) => ({ module, memory, control, args, slot, work: workArea(slot + 1), names: WASM_KERNELS });
  if (!startHelpers(helpers, data)) return undefined;
  let generation = 0;
  return {
    ready() {
      let count = 0;
      while (count < helpers && Atomics.load(ctl, READY + count) === 1) count++;
      return count;
    },
    run(jobs, exec) {
      if (jobs.length > MAX_JOBS) throw new RangeError(`a parallel run holds at most ${MAX_JOBS} jobs, got ${jobs.length}`);
      // Close the last run's claims before its job count and table change under a late helper.
      Atomics.store(ctl, CLAIM, (generation << INDEX_BITS) | INDEX_MASK);
      generation = (generation + 1) % GENERATIONS || 1;
      jobs.forEach(([kernel, ...rest], i) => {
        arg[i * ARGS] = WASM_KERNELS.indexOf(kernel);
        arg.set(rest, i * ARGS + 1);
      });
      Atomics.store(ctl, TOTAL, jobs.length);
      Atomics.store(ctl, DONE, 0);
      Atomics.store(ctl, CLAIM, generation << INDEX_BITS);
      Atomics.store(ctl, POSTED, generation);
      Atomics.notify(ctl, POSTED);
      let failure: unknown;
      let ranHere = 0;
      for (;;) {
        const claim = Atomics.load(ctl, CLAIM);
        const job = claim & INDEX_MASK;
        if (job >= jobs.length) break;
        if (Atomics.compareExchange(ctl, CLAIM, claim, claim + 1) !== claim) continue;
        ranHere++;
        try {
          exec(jobs[job]!);
        } catch (e) {
          failure ??= e;
        }
        Atomics.add(ctl, DONE, 1);
      }
      // Wait for the helpers' jobs even when one here failed: they write the same memory.
      for (let done = Atomics.load(ctl, DONE); done !== jobs.length; done = Atomics.load(ctl, DONE)) waitWhile(ctl, DONE, done);
      const helperTrapped = Atomics.exchange(ctl, FAILED, 0) === 1;
      if (failure !== undefined) throw failure;
      if (helperTrapped) throw new Error(`a worker thread trapped in ${[...new Set(jobs.map((j) => j[0]))].join(', ')}`);
      return ranHere;
    },
  };
}
