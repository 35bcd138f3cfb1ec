import type { BackendDescriptor } from '@weightnorm/core';
import { createCpuBackend } from './backend.js';

export { createCpuBackend, type CpuBackendOptions } from './backend.js';
export type { CpuContext } from './cpu-context.js';
export type { CpuStorage } from './cpu-storage.js';

/**
 * Lets `setBackend('cpu')` find this package by name.
 *
 * @example
 * registerBackend(cpuBackend.name, cpuBackend.create); // explicit registration, e.g. in a bundle
 * await setBackend('cpu');
 */
export const cpuBackend: BackendDescriptor = { name: 'cpu', create: () => createCpuBackend() };

/**
 * Every backend this package provides; core looks for this export when it loads a backend package.
 *
 * @example
 * for (const b of backends) registerBackend(b.name, b.create);
 */
export const backends: readonly BackendDescriptor[] = [cpuBackend];
