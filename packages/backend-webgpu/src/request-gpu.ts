import { BackendUnavailableError } from '@weightnorm/core';

/**
 * The WebGPU entry point: `navigator.gpu` in browsers and workers; in Node, Dawn from the npm
 * package `webgpu`, imported only here and only when there is no navigator.gpu (the specifier is
 * computed so bundlers for the browser never pull the native addon in).
 */
export async function requestGpu(): Promise<GPU> {
  const fromNavigator = (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu;
  if (fromNavigator) return fromNavigator;
  if (typeof process === 'undefined' || !process.versions?.node) {
    throw unavailable('this JavaScript environment has no navigator.gpu (WebGPU is off or unsupported here)');
  }
  const specifier = ['web', 'gpu'].join('');
  let mod: { create?: (flags: string[]) => GPU };
  try {
    mod = (await import(/* @vite-ignore */ specifier)) as typeof mod;
  } catch (e) {
    throw unavailable(`the npm package "webgpu" (Dawn for Node) failed to load: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (typeof mod.create !== 'function') throw unavailable('the npm package "webgpu" has no create() export');
  return mod.create([]);
}

export function unavailable(why: string): BackendUnavailableError {
  return new BackendUnavailableError(
    { op: 'setBackend', argument: 'name', allowed: 'a backend that can start here', received: 'webgpu' },
    `setBackend: backend "webgpu" is unavailable: ${why}`,
  );
}
