import type { BackendDescriptor } from '@weightnorm/core';
import { createMetalBackend } from './backend.js';

export { createMetalBackend, type MetalBackendOptions } from './backend.js';
export type { MetalContext } from './metal-context.js';
export type { NativeDeviceStats } from './native-addon.js';
export type { MetalStorage } from './metal-storage.js';

/**
 * `setBackend('metal')`: the GPU on macOS; elsewhere it rejects with "Metal needs macOS with a Metal device".
 *
 * @example
 * registerBackend(metalBackend.name, metalBackend.create);
 * await setBackend('metal'); // BackendUnavailableError off macOS
 */
export const metalBackend: BackendDescriptor = { name: 'metal', create: () => createMetalBackend() };

/**
 * `setBackend('metal-emulated')`: the same kernels on the CPU, for tests where there is no Mac.
 *
 * @example
 * registerBackend(metalEmulatedBackend.name, metalEmulatedBackend.create);
 * await setBackend('metal-emulated');
 */
export const metalEmulatedBackend: BackendDescriptor = {
  name: 'metal-emulated',
  create: () => createMetalBackend({ device: 'emulated' }),
};

/**
 * Every backend this package provides; core looks for this export when it loads a backend package.
 *
 * @example
 * for (const b of backends) registerBackend(b.name, b.create);
 */
export const backends: readonly BackendDescriptor[] = [metalBackend, metalEmulatedBackend];
