import { COMPOSABLE_OPS, defineBackend, type Backend, type OpName } from '@weightnorm/core';
import { createCpuBackend, type CpuContext, type CpuStorage } from '@weightnorm/backend-cpu';
import { abs } from './kernels/abs.js';
import { neg } from './kernels/neg.js';

/** The kernels this backend implements itself. Add yours here, one file each under kernels/. */
const OWN_KERNELS = [neg, abs];

/**
 * A working starting point: `Neg` and `Abs` run on this package's own kernels; every other required
 * primitive is borrowed from @weightnorm/backend-cpu (same storage: typed arrays), and the
 * composable ops (Conv, ConvTranspose, WeightNorm, Sigmoid, …) are left out so core runs its
 * composites. Replace borrowed kernels one by one; `npm test` reports which ops are native.
 *
 * @example
 * import { registerBackend, setBackend } from '@weightnorm/core';
 * registerBackend('__BACKEND_NAME__', create__BACKEND_IDENT__Backend);
 * await setBackend('__BACKEND_NAME__');
 */
export function create__BACKEND_IDENT__Backend(): Backend<CpuStorage, CpuContext> {
  // One thread: the borrowed GEMM stays on this thread, with no worker pool to shut down.
  const cpu = createCpuBackend({ threads: 1, exclude: [...COMPOSABLE_OPS] });
  const own = new Set<OpName>(OWN_KERNELS.map((k) => k.op));
  const borrowed = [...cpu.kernels.values()].filter((k) => !own.has(k.op));
  return defineBackend<CpuStorage, CpuContext>({
    name: '__BACKEND_NAME__',
    context: cpu.context,
    kernels: [...OWN_KERNELS, ...borrowed],
    supports: (feature) => cpu.supports(feature),
    upload: (data, dtype) => cpu.upload(data, dtype),
    read: (storage, dtype, size) => cpu.read(storage, dtype, size),
    dispose: (storage) => cpu.dispose(storage),
    flush: () => cpu.flush?.(),
    describe: () => '__BACKEND_NAME__ (template: own Neg and Abs, the rest borrowed from backend-cpu)',
    destroy: () => cpu.destroy?.(),
  });
}
