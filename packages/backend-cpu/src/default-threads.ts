import { BackendError } from '@weightnorm/core';

/** Most threads the default pool uses: past this, slicing these GEMMs further buys little. */
const MAX_DEFAULT_THREADS = 8;
/** The environment variable that sets the thread count where the backend is picked by name. */
export const THREADS_VARIABLE = 'WEIGHTNORM_CPU_THREADS';

/**
 * Threads for the kernels when the caller does not say: WEIGHTNORM_CPU_THREADS where the
 * environment sets it (Node; a deployment that picks the backend by name, with
 * WEIGHTNORM_BACKEND=cpu, has no other place to say it, as OMP_NUM_THREADS does for native
 * libraries), else the cores this process may use (Node's os.availableParallelism, a browser's
 * navigator.hardwareConcurrency), at most 8; 1 where unknown.
 */
export function defaultThreads(): number {
  const g = globalThis as {
    process?: { getBuiltinModule?: (id: string) => unknown; env?: Record<string, string | undefined> };
    navigator?: { hardwareConcurrency?: number };
  };
  const set = g.process?.env?.[THREADS_VARIABLE];
  if (set !== undefined && set.trim() !== '') return checkThreads(Number(set), THREADS_VARIABLE, set);
  const os = g.process?.getBuiltinModule?.('node:os') as { availableParallelism?: () => number } | undefined;
  const cores = os?.availableParallelism?.() ?? g.navigator?.hardwareConcurrency ?? 1;
  return Math.max(1, Math.min(MAX_DEFAULT_THREADS, Math.floor(cores)));
}

/** `threads` when it is an integer in [1, 256]; otherwise a BackendError naming `argument`. */
export function checkThreads(threads: number, argument: string, received: unknown = threads): number {
  if (!Number.isInteger(threads) || threads < 1 || threads > 256) {
    throw new BackendError({ op: 'createCpuBackend', argument, allowed: 'an integer in [1, 256]', received });
  }
  return threads;
}
