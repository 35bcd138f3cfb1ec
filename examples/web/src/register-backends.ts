import { cpuBackend } from '@weightnorm/backend-cpu';
import { webgpuBackend } from '@weightnorm/backend-webgpu';
import { registerBackend, type Backend } from '@weightnorm/core';

/** Resolves on the next macrotask, so the browser can paint and handle input in between. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * The cpu backend computes on the page's main thread, and an evaluation that only awaits
 * microtasks never lets the browser paint. Core flushes once per evaluation (vocode evaluates stage
 * by stage), so yielding there lets the progress bar and status line move between stages.
 */
async function createPaintingCpuBackend(): Promise<Backend> {
  const backend = await cpuBackend.create();
  return {
    ...backend,
    async flush() {
      await backend.flush?.();
      await nextTask();
    },
  };
}

/**
 * Registers the page's two backends by value. core can also find a backend package by name, but
 * that lookup is a computed import a bundler cannot follow, so a page must register what it ships.
 * Registering again drops a cached instance: after a lost device the next run opens a new one.
 */
export function registerBackends(): void {
  registerBackend(cpuBackend.name, createPaintingCpuBackend);
  registerBackend(webgpuBackend.name, webgpuBackend.create);
}
