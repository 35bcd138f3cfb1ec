import type { BackendDescriptor } from '@weightnorm/core';
import { oursContender } from './ours.js';
import { installNodeWebGpu } from './node-webgpu.js';

/**
 * weightnorm on @weightnorm/backend-webgpu (Dawn in Node). The package is imported by a computed
 * name so the bench builds while that backend is still a skeleton; a missing `backends` export is
 * reported as the reason this contender is unavailable.
 */
export const oursWebgpu = oursContender('ours-webgpu', 'webgpu', async () => {
  await installNodeWebGpu();
  const specifier = '@weightnorm/backend-webgpu';
  const mod = (await import(specifier)) as { backends?: readonly BackendDescriptor[] };
  if (!Array.isArray(mod.backends) || mod.backends.length === 0) {
    throw new Error(`${specifier} exports no \`backends\` yet (the package is still a skeleton)`);
  }
  return mod.backends;
}, ['@weightnorm/core', '@weightnorm/backend-webgpu', 'webgpu']);
