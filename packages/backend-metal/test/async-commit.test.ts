import { BackendError, type Backend } from '@weightnorm/core';
import { describe, expect, it } from 'vitest';
import type { MetalContext } from '../src/metal-context.js';
import type { MetalStorage } from '../src/metal-storage.js';
import { createTarget, device as target, skipReason } from './target-backend.js';

// The harness kernels (test/harness/*.metal) are compiled into the emulated addon only.
const emulated = target === 'emulated' && skipReason === undefined;
if (!emulated) console.warn('asynchronous commit tests skipped: they dispatch harness kernels, built into the emulated device only');

const THREADS = 4096;
const STEPS = 20000;

/** harness_busy's recurrence for thread `gid`, in float32 like the kernel. */
function busy(gid: number, steps: number): number {
  const f = Math.fround;
  let x = f(f(0.1) + f(f(0.001) * (gid % 512)));
  for (let i = 0; i < steps; i++) {
    const y = f(1 - x);
    x = f(f(3.7) * x);
    x = f(x * y);
  }
  return x;
}

/** Encodes one long harness_busy dispatch into the backend's current command buffer. */
function encodeBusy(backend: Backend<MetalStorage, MetalContext>, steps = STEPS) {
  const device = backend.context.device;
  const out = device.upload(new Float32Array(THREADS));
  device.dispatch('harness_busy', { constants: [], args: [out, new Uint32Array([steps])], groups: THREADS / 256, threadsPerGroup: 256 });
  return out;
}

describe.skipIf(!emulated)('metal-emulated: flush and read wait for the device without blocking the JS thread', () => {
  it('keeps the event loop running (timers fire) while a long dispatch is in flight', async () => {
    const backend = createTarget();
    const out = encodeBusy(backend);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    try {
      const t0 = performance.now();
      const flushed = backend.flush!();
      const callMs = performance.now() - t0;
      expect(flushed).toBeInstanceOf(Promise);
      expect(backend.context.stats().inFlight).toBe(1);
      await flushed;
      const totalMs = performance.now() - t0;
      // A blocking commit returns only after the work, with no timer run in between.
      expect(ticks, `${ticks} ticks in ${totalMs.toFixed(0)} ms (the submitting call took ${callMs.toFixed(1)} ms)`).toBeGreaterThanOrEqual(3);
      expect(callMs).toBeLessThan(totalMs / 2);
    } finally {
      clearInterval(timer);
    }
    expect(backend.context.stats().inFlight).toBe(0);
    const got = new Float32Array(await backend.context.device.read(out, THREADS * 4));
    for (const gid of [0, 1, 255, 256, 511, 2047, 4095]) expect(got[gid], `thread ${gid}`).toBe(busy(gid, STEPS));
  });

  it('lets a read of unsubmitted work submit it and resolve with the finished values', async () => {
    const backend = createTarget();
    const out = encodeBusy(backend, 50);
    const got = new Float32Array(await backend.context.device.read(out, THREADS * 4));
    expect(Array.from(got.subarray(0, 4))).toEqual([0, 1, 2, 3].map((g) => busy(g, 50)));
  });

  it('completes submissions in order: waiting on the last means every earlier one finished', async () => {
    const backend = createTarget();
    const first = encodeBusy(backend, 3000);
    const firstDone = Promise.resolve(backend.flush!());
    const second = encodeBusy(backend, 10);
    let firstSettled = false;
    void firstDone.then(() => (firstSettled = true));
    expect(backend.context.stats().inFlight).toBe(1);
    await backend.flush!();
    // Promise callbacks of the first ran before the second's (both settle on the JS thread in order).
    expect(firstSettled).toBe(true);
    const device = backend.context.device;
    expect(new Float32Array(await device.read(first, THREADS * 4))[7]).toBe(busy(7, 3000));
    expect(new Float32Array(await device.read(second, THREADS * 4))[7]).toBe(busy(7, 10));
  });

  it('rejects flush with a BackendError naming the kernel that failed on the device, and stays usable', async () => {
    const backend = createTarget();
    const device = backend.context.device;
    const x = device.upload(new Float32Array(64));
    const o = device.upload(new Float32Array(64));
    device.dispatch('harness_early_return', { constants: [], args: [x, o], groups: 1, threadsPerGroup: 64 });
    const flushed = Promise.resolve(backend.flush!());
    await expect(flushed).rejects.toBeInstanceOf(BackendError);
    const error = (await flushed.catch((e: unknown) => e)) as BackendError;
    expect(error.kernel).toBe('harness_early_return');
    expect(error.message).toMatch(/^metal-emulated: kernel harness_early_return failed: .*threadgroup_barrier reached by 63 of 64 threads/);
    // The same through read(), which submits the pending work itself.
    device.dispatch('harness_early_return', { constants: [], args: [x, o], groups: 1, threadsPerGroup: 64 });
    const y = backend.upload(new Float32Array([5]), 'float32');
    await expect(backend.read(y, 'float32', 1)).rejects.toThrow(/kernel harness_early_return failed/);
    // Nothing stuck: the next evaluation runs.
    const out = encodeBusy(backend, 5);
    await backend.flush!();
    expect(new Float32Array(await device.read(out, 16))[2]).toBe(busy(2, 5));
    expect(Array.from(await backend.read(y, 'float32', 1))).toEqual([5]);
  });
});
