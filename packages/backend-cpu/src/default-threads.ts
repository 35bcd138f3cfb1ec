/** Most threads the default pool uses: past this, slicing these GEMMs further buys little. */
const MAX_DEFAULT_THREADS = 8;

/**
 * Threads for the GEMM when the caller does not say: the cores this process may use (Node's
 * os.availableParallelism, a browser's navigator.hardwareConcurrency), at most 8; 1 where unknown.
 */
export function defaultThreads(): number {
  const g = globalThis as {
    process?: { getBuiltinModule?: (id: string) => unknown };
    navigator?: { hardwareConcurrency?: number };
  };
  const os = g.process?.getBuiltinModule?.('node:os') as { availableParallelism?: () => number } | undefined;
  const cores = os?.availableParallelism?.() ?? g.navigator?.hardwareConcurrency ?? 1;
  return Math.max(1, Math.min(MAX_DEFAULT_THREADS, Math.floor(cores)));
}
