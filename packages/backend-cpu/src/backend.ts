import { BackendError, COMPOSABLE_OPS, defineBackend, type Backend, type OpName } from '@weightnorm/core';
import type { CpuContext } from './cpu-context.js';
import type { CpuStorage } from './cpu-storage.js';
import { binaryKernels } from './kernels/binary.js';
import { cast } from './kernels/cast.js';
import { concat } from './kernels/concat.js';
import { conv } from './kernels/conv.js';
import { convTranspose } from './kernels/conv-transpose.js';
import { expand } from './kernels/expand.js';
import { matmul } from './kernels/matmul.js';
import { pad } from './kernels/pad.js';
import { permute } from './kernels/permute.js';
import { reduceKernels } from './kernels/reduce.js';
import { slice } from './kernels/slice.js';
import { unaryKernels } from './kernels/unary.js';
import { weightNorm } from './kernels/weight-norm.js';
import { where } from './kernels/where.js';

export interface CpuBackendOptions {
  /**
   * Ops to leave out so core runs its composite instead; only ops core can compose
   * (COMPOSABLE_OPS). Tests use it to check the composites against the native kernels.
   */
  readonly exclude?: readonly OpName[];
}

const kernels = [
  ...unaryKernels,
  ...binaryKernels,
  ...reduceKernels,
  where,
  cast,
  permute,
  expand,
  slice,
  pad,
  concat,
  matmul,
  conv,
  convTranspose,
  weightNorm,
];

/**
 * The embedded default backend: TypeScript kernels on typed arrays, no setup, runs anywhere.
 *
 * @example
 * const backend = createCpuBackend({ exclude: ['WeightNorm'] }); // core composes WeightNorm
 */
export function createCpuBackend(options: CpuBackendOptions = {}): Backend<CpuStorage, CpuContext> {
  const exclude = options.exclude ?? [];
  for (const op of exclude) {
    if (!(COMPOSABLE_OPS as readonly string[]).includes(op)) {
      throw new BackendError({
        op: 'createCpuBackend',
        argument: 'exclude',
        allowed: `a list of ops core can compose (${COMPOSABLE_OPS.join(', ')})`,
        received: op,
      });
    }
  }
  return defineBackend<CpuStorage, CpuContext>({
    name: 'cpu',
    context: { convTile: 128 },
    kernels: kernels.filter((k) => !exclude.includes(k.op)),
    supports: (feature) => feature === 'float16',
    // Core copies user data when it creates a tensor and kernels never write their inputs, so
    // the array can become the storage as it is.
    upload: (data) => data,
    read: async (storage, _dtype, size) => storage.slice(0, size),
    // Typed arrays are garbage-collected; there is nothing to free early.
    dispose: () => {},
    describe: () => 'cpu: TypeScript kernels on typed arrays, 1 thread',
  });
}
