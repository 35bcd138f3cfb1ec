import { BackendError, COMPOSABLE_OPS, defineBackend, type Backend, type OpName } from '@weightnorm/core';
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
import { weightNormGradG, weightNormGradV } from './kernels/weight-norm-grad.js';
import { where } from './kernels/where.js';
import { openDevice, type OpenDeviceOptions } from './open-device.js';
import { WebgpuContext } from './webgpu-context.js';
import type { WebgpuStorage } from './webgpu-storage.js';

/**
 * Options of `createWebgpuBackend`: how the device is opened (`gpu`, `powerPreference`, `float16`,
 * `subgroups`), the wait bound and composable ops to exclude.
 *
 * @example
 * registerBackend('webgpu', () => createWebgpuBackend({ float16: 'emulated', timeoutMs: 10_000 }));
 */
export interface WebgpuBackendOptions extends OpenDeviceOptions {
  /** Ops to leave to core's composites (only COMPOSABLE_OPS); tests use it to compare the two. */
  readonly exclude?: readonly OpName[];
  /** Bound on any wait for the device (readback, error reports), in ms; default 60 000. */
  readonly timeoutMs?: number;
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
  weightNormGradG,
  weightNormGradV,
];

/**
 * The WebGPU backend: WGSL kernels on one device, Dawn in Node and navigator.gpu in browsers.
 * Rejects with BackendUnavailableError (saying why) where there is no adapter.
 *
 * @example
 * const backend = await createWebgpuBackend({ float16: 'emulated' });
 */
export async function createWebgpuBackend(options: WebgpuBackendOptions = {}): Promise<Backend<WebgpuStorage, WebgpuContext>> {
  const exclude = options.exclude ?? [];
  for (const op of exclude) {
    if (!(COMPOSABLE_OPS as readonly string[]).includes(op)) {
      throw new BackendError({
        op: 'createWebgpuBackend',
        argument: 'exclude',
        allowed: `a list of ops core can compose (${COMPOSABLE_OPS.join(', ')})`,
        received: op,
      });
    }
  }
  const { gpu, device, facts } = await openDevice(options);
  const ctx = new WebgpuContext(gpu, device, facts, options.timeoutMs ?? 60_000);
  return defineBackend<WebgpuStorage, WebgpuContext>({
    name: 'webgpu',
    context: ctx,
    kernels: kernels.filter((k) => !exclude.includes(k.op)),
    // float16: whether float16 tensors are stored as f16 on the device (else f32, rounded per op).
    supports: (feature) => (feature === 'float16' ? facts.nativeF16 : feature === 'async'),
    upload: (data, dtype) => ctx.upload(data, dtype),
    read: (storage, dtype, size) => ctx.read(storage, dtype, size),
    dispose: (storage) => ctx.release(storage),
    flush: () => ctx.flush(),
    describe: () => facts.description,
    destroy: () => ctx.destroy(),
  });
}
