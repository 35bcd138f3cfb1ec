import {
  BackendError,
  BackendUnavailableError,
  DTypeError,
  defineBackend,
  isOpName,
  itemSize,
  type Backend,
  type DType,
  type HostArray,
} from '@weightnorm/core';
import { loadAddon } from './load-addon.js';
import type { MetalContext } from './metal-context.js';
import type { NativeDevice } from './native-addon.js';
import { MetalStorage } from './metal-storage.js';
import { nativeKernel } from './native-kernel.js';

/**
 * Options of `createMetalBackend`: the real GPU or the CPU emulation used in tests.
 *
 * @example
 * registerBackend('metal-emulated', () => createMetalBackend({ device: 'emulated' }));
 */
export interface MetalBackendOptions {
  /**
   * `metal` (default): the GPU, on macOS. `emulated`: the same kernels compiled as C++ and run on
   * the CPU, registered as `metal-emulated`; test-only, built where Metal is not (Linux).
   */
  readonly device?: 'metal' | 'emulated';
}

const HOST_ARRAY = { float32: Float32Array, float16: Uint16Array, int32: Int32Array } as const;

/**
 * Starts the Metal backend (or its emulation). Rejects with BackendUnavailableError, saying why,
 * where the device cannot run: `Metal needs macOS with a Metal device` off macOS.
 *
 * @example
 * const backend = createMetalBackend({ device: 'emulated' }); // name: 'metal-emulated'
 */
export function createMetalBackend(options: MetalBackendOptions = {}): Backend<MetalStorage, MetalContext> {
  const kind = options.device ?? 'metal';
  if (kind !== 'metal' && kind !== 'emulated') {
    throw new BackendError({ op: 'createMetalBackend', argument: 'device', allowed: '"metal" or "emulated"', received: kind });
  }
  const name = kind === 'metal' ? 'metal' : 'metal-emulated';
  const details = { op: 'setBackend', argument: 'name', allowed: `a machine where ${name} can run`, received: name };
  if (kind === 'metal' && process.platform !== 'darwin') {
    throw new BackendUnavailableError(
      details,
      `Metal needs macOS with a Metal device; this is ${process.platform} (tests here use metal-emulated)`,
    );
  }
  const addon = loadAddon(name);
  if (addon.deviceKind !== kind) {
    throw new BackendUnavailableError(
      details,
      kind === 'metal'
        ? 'Metal needs macOS with a Metal device; this addon was built with the emulated device'
        : 'setBackend: metal-emulated is built only where Metal is not (the macOS addon holds the Metal device); use metal',
    );
  }
  const device = ((): NativeDevice => {
    try {
      return new addon.Device();
    } catch (e) {
      throw new BackendUnavailableError(details, `Metal needs macOS with a Metal device: ${e instanceof Error ? e.message : String(e)}`);
    }
  })();

  const checkRead = (op: string, storage: MetalStorage, dtype: DType, size: number): number => {
    const bytes = size * itemSize(dtype);
    if (!(storage instanceof MetalStorage) || storage.released || storage.device !== device) {
      throw new BackendError({ op: `${name} ${op}`, argument: 'storage', allowed: 'live storage of this device', received: storage });
    }
    if (!Number.isInteger(size) || size < 0 || bytes > storage.buffer.byteLength) {
      throw new BackendError({
        op: `${name} ${op}`,
        argument: 'size',
        allowed: `an element count in [0, ${storage.buffer.byteLength / itemSize(dtype)}] for this ${dtype} storage`,
        received: size,
      });
    }
    return bytes;
  };

  const context: MetalContext = {
    name,
    device,
    hostArray: (dtype: DType, size: number) => {
      if (!(dtype in HOST_ARRAY)) {
        throw new DTypeError({ op: `${name} hostArray`, argument: 'dtype', allowed: 'float32, float16 or int32', received: dtype });
      }
      if (!Number.isInteger(size) || size < 0 || size * itemSize(dtype) > 2 ** 32 - 1) {
        throw new BackendError({
          op: `${name} hostArray`,
          argument: 'size',
          allowed: `an element count in [0, ${Math.floor((2 ** 32 - 1) / itemSize(dtype))}]`,
          received: size,
        });
      }
      return new HOST_ARRAY[dtype](addon.allocateHost(size * itemSize(dtype)));
    },
    readAndDispose: async (storage: MetalStorage, dtype: DType, size: number) => {
      const bytes = checkRead('readAndDispose', storage, dtype, size);
      storage.released = true;
      return new HOST_ARRAY[dtype](await settle(device.readView(storage.buffer, bytes), 'readAndDispose'));
    },
    stats: () => device.stats(),
  };

  // Work runs after the JS call that submitted it, so a kernel that fails on the device surfaces
  // here: as a BackendError naming it (the addon's error carries the kernel).
  const settle = async <T>(work: Promise<T>, op: string): Promise<T> => {
    try {
      return await work;
    } catch (e) {
      const kernel = (e as { kernel?: unknown }).kernel;
      const message = e instanceof Error ? e.message : String(e);
      throw new BackendError(
        {
          op: `${name} ${op}`,
          argument: 'kernel',
          allowed: 'kernels that complete on the device',
          received: typeof kernel === 'string' ? kernel : message,
          kernel: typeof kernel === 'string' ? kernel : undefined,
        },
        typeof kernel === 'string' ? `${name}: kernel ${kernel} failed: ${message}` : `${name} ${op}: ${message}`,
      );
    }
  };

  return defineBackend<MetalStorage, MetalContext>({
    name,
    context,
    kernels: addon.ops.filter(isOpName).map(nativeKernel),
    supports: (feature) => feature === 'float16',
    upload: (data: HostArray, dtype: DType) => {
      if (!(data instanceof HOST_ARRAY[dtype])) {
        throw new DTypeError({
          op: `${name} upload`,
          argument: 'data',
          allowed: `a ${HOST_ARRAY[dtype].name} for ${dtype}`,
          received: data,
        });
      }
      return new MetalStorage(device, device.upload(data), dtype);
    },
    // A copy the caller owns (core's contract): the storage stays the tensor's, so a view of it
    // would let the caller's writes change the tensor. readAndDispose is the zero-copy read.
    read: async (storage: MetalStorage, dtype: DType, size: number) => {
      const bytes = checkRead('read', storage, dtype, size);
      return new HOST_ARRAY[dtype](await settle(device.read(storage.buffer, bytes), 'read'));
    },
    dispose: (storage: MetalStorage) => {
      if (storage.released) {
        throw new BackendError({ op: `${name} dispose`, argument: 'storage', allowed: 'storage not yet disposed', received: 'a released storage' });
      }
      storage.released = true;
      device.release(storage.buffer);
    },
    // One command buffer per evaluation: kernels only encode; this submits it and resolves when the
    // device finished, while the JS thread keeps running.
    flush: () => settle(device.commit(), 'flush'),
    describe: () => device.describe(),
  });
}
