import type { BackendDescriptor } from '@weightnorm/core';
import { create__BACKEND_IDENT__Backend } from './backend.js';

export { create__BACKEND_IDENT__Backend } from './backend.js';

/**
 * Register it with `registerBackend(descriptor.name, descriptor.create)`; core also finds packages
 * named `@weightnorm/backend-<name>` by name through this module's `backends` export.
 */
export const __BACKEND_CAMEL__Backend: BackendDescriptor = { name: '__BACKEND_NAME__', create: () => create__BACKEND_IDENT__Backend() };

/** Every backend this package provides. */
export const backends: readonly BackendDescriptor[] = [__BACKEND_CAMEL__Backend];
