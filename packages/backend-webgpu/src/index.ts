import type { BackendDescriptor } from '@weightnorm/core';
import { createWebgpuBackend } from './backend.js';

export { createWebgpuBackend, type WebgpuBackendOptions } from './backend.js';
export type { WebgpuContext, DeviceFacts } from './webgpu-context.js';
export type { WebgpuStorage } from './webgpu-storage.js';

/**
 * Lets `setBackend('webgpu')` find this package by name.
 *
 * @example
 * registerBackend(webgpuBackend.name, webgpuBackend.create); // explicit registration, e.g. in a bundle
 * await setBackend('webgpu');
 */
export const webgpuBackend: BackendDescriptor = { name: 'webgpu', create: () => createWebgpuBackend() };

/**
 * Every backend this package provides; core looks for this export when it loads a backend package.
 *
 * @example
 * for (const b of backends) registerBackend(b.name, b.create);
 */
export const backends: readonly BackendDescriptor[] = [webgpuBackend];
