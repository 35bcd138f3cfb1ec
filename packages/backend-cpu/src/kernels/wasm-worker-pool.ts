/**
 * One call of an export of the kernels module: its name and its arguments (byte addresses, counts
 * and, for weight norm, eps), all plain numbers so they travel through a Float64Array.
 */
export type WasmJob = readonly [kernel: WasmKernelName, ...args: number[]];

/** The exports helpers may run, by index in the control block. */
export const WASM_KERNELS = ['gemm', 'weightNormRows', 'weightNormGradGRows', 'weightNormGradVRows', 'binaryF32', 'whereF32'] as const;
export type WasmKernelName = (typeof WASM_KERNELS)[number];

/** Helpers that each run one export of the shared-memory kernels module on a slice of the work. */
export interface WasmWorkerPool {
  /** Helpers that have started and can take a job now (helpers come up asynchronously). */
  ready(): number;
  /** Runs jobs[i] on ready helper i (jobs.length ≤ ready()); `own` runs here meanwhile; waits for all. */
  run(jobs: readonly WasmJob[], own: () => void): void;
}

// Per helper, a row of the control block: [posted sequence, finished sequence, failed, ready], and
// a row of arguments: [export index, args…].
const POSTED = 0;
const FINISHED = 1;
const FAILED = 2;
const READY = 3;
const CONTROL = 4;
const ARGS = 16;
/**
 * Polls of a control word before a thread blocks on it (tens of microseconds). A kernel's next
 * parallel region, or a helper's result, usually comes sooner than a blocked thread would wake:
 * in a VM, waking a halted vCPU costs ~0.1 ms, about what a 512×512×3 weight norm takes per
 * thread. OpenMP runtimes and onnxruntime's thread pool spin before sleeping for the same reason.
 */
const SPIN = 1 << 14;

// A helper's whole program, run from source so no file path has to survive bundling. It blocks on
// its control row (Atomics.wait is allowed in workers), runs each posted job and reports back.
// `start` receives what the pool sends: the module, the shared memory and the control block.
const HELPER_LOOP = `
function start({ module, memory, control, args, slot, names }) {
  const ctl = new Int32Array(control);
  const arg = new Float64Array(args);
  const row = slot * ${CONTROL};
  const exports = new WebAssembly.Instance(module, { env: { memory } }).exports;
  const kernels = names.map((n) => exports[n]);
  Atomics.store(ctl, row + ${READY}, 1);
  let seen = 0;
  for (;;) {
    for (let i = 0; i < ${SPIN} && Atomics.load(ctl, row + ${POSTED}) === seen; i++);
    Atomics.wait(ctl, row + ${POSTED}, seen);
    seen = Atomics.load(ctl, row + ${POSTED});
    const a = arg.subarray(slot * ${ARGS}, slot * ${ARGS} + ${ARGS});
    try {
      kernels[a[0]](a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8], a[9], a[10], a[11], a[12], a[13], a[14], a[15]);
    } catch {
      Atomics.store(ctl, row + ${FAILED}, 1);
    }
    Atomics.store(ctl, row + ${FINISHED}, seen);
    Atomics.notify(ctl, row + ${FINISHED});
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
 */
export function createWasmWorkerPool(module: WebAssembly.Module, memory: WebAssembly.Memory, helpers: number): WasmWorkerPool | undefined {
  if (helpers < 1 || typeof SharedArrayBuffer !== 'function') return undefined;
  const control = new SharedArrayBuffer(helpers * CONTROL * 4);
  const args = new SharedArrayBuffer(helpers * ARGS * 8);
  const ctl = new Int32Array(control);
  const arg = new Float64Array(args);
  if (!startHelpers(helpers, (slot) => ({ module, memory, control, args, slot, names: WASM_KERNELS }))) return undefined;
  let sequence = 0;
  return {
    ready() {
      let count = 0;
      while (count < helpers && Atomics.load(ctl, count * CONTROL + READY) === 1) count++;
      return count;
    },
    run(jobs, own) {
      sequence = (sequence + 1) | 0 || 1;
      jobs.forEach(([kernel, ...rest], i) => {
        arg[i * ARGS] = WASM_KERNELS.indexOf(kernel);
        arg.set(rest, i * ARGS + 1);
        Atomics.store(ctl, i * CONTROL + POSTED, sequence);
        Atomics.notify(ctl, i * CONTROL + POSTED);
      });
      let failure: unknown;
      try {
        own();
      } catch (e) {
        failure = e;
      }
      // Wait for every helper even when this thread's part failed: they write the same memory.
      let helperTrapped = false;
      jobs.forEach((_, i) => {
        const row = i * CONTROL;
        for (let seen = Atomics.load(ctl, row + FINISHED); seen !== sequence; seen = Atomics.load(ctl, row + FINISHED)) {
          waitWhile(ctl, row + FINISHED, seen);
        }
        if (Atomics.exchange(ctl, row + FAILED, 0) === 1) helperTrapped = true;
      });
      if (failure !== undefined) throw failure;
      if (helperTrapped) throw new Error(`a worker thread trapped in ${jobs.map((j) => j[0]).join(', ')}`);
    },
  };
}
