import { describe, expect, it } from 'vitest';
import { loadAddon } from '../src/load-addon.js';
import type { NativeDevice } from '../src/native-addon.js';
import { device as target, skipReason } from './target-backend.js';

// The harness kernels (test/harness/*.metal) are compiled into the emulated addon only.
const emulated = target === 'emulated' && skipReason === undefined;
if (!emulated) console.warn('emulator barrier tests skipped: they run on the emulated device (Linux), not on a Mac GPU');

const ROWS = 8;
const GROUP = 64;

/** Runs a harness row-sum kernel and checks every row against a float64 sum, to 1e-5 relative. */
async function rowSums(device: NativeDevice, kernel: string): Promise<{ ok: boolean; got: Float32Array; want: number[] }> {
  const x = new Float32Array(ROWS * GROUP).map((_, i) => Math.sin(i * 0.37) * 2 + 0.5);
  const want = Array.from({ length: ROWS }, (_, r) => x.subarray(r * GROUP, (r + 1) * GROUP).reduce((s, v) => s + v, 0));
  const xb = device.upload(x);
  const ob = device.upload(new Float32Array(ROWS));
  device.dispatch(kernel, { constants: [], args: [xb, ob], groups: ROWS, threadsPerGroup: GROUP });
  await device.commit();
  const got = new Float32Array(await device.read(ob, ROWS * 4));
  device.release(xb);
  device.release(ob);
  const ok = want.every((w, r) => Math.abs(got[r]! - w) <= 1e-5 * Math.max(1, Math.abs(w)));
  return { ok, got, want };
}

describe.skipIf(!emulated)('emulated device: threadgroups have real barrier semantics', () => {
  const newDevice = () => new (loadAddon('metal-emulated').Device)();

  it('passes the shared-memory reduction with its barriers', async () => {
    const result = await rowSums(newDevice(), 'harness_threadgroup_sum');
    expect(result.ok, `got ${Array.from(result.got)}, want ${result.want}`).toBe(true);
  });

  it('fails the same reduction with its first barrier missing, every time', async () => {
    const device = newDevice();
    for (let run = 0; run < 3; run++) {
      const result = await rowSums(device, 'harness_threadgroup_sum_missing_barrier');
      expect(result.ok).toBe(false);
      // Thread 0 read slots its partners had not written: the NaN bytes threadgroup memory starts with.
      expect(Number.isNaN(result.got[0])).toBe(true);
    }
    // The device is fine afterwards: the correct kernel still passes on it.
    expect((await rowSums(device, 'harness_threadgroup_sum')).ok).toBe(true);
  });

  it('reports a barrier that not every thread of the group reaches', async () => {
    const device = newDevice();
    const xb = device.upload(new Float32Array(GROUP));
    const ob = device.upload(new Float32Array(GROUP));
    device.dispatch('harness_early_return', { constants: [], args: [xb, ob], groups: 1, threadsPerGroup: GROUP });
    await expect(device.commit()).rejects.toThrow('harness_early_return: threadgroup_barrier reached by 63 of 64 threads');
  });

  it('rejects a dispatch of an unknown kernel or with too few buffers', () => {
    const device = newDevice();
    const xb = device.upload(new Float32Array(4));
    expect(() => device.dispatch('nope', { constants: [], args: [], groups: 1, threadsPerGroup: 1 })).toThrow('no kernel named nope');
    expect(() => device.dispatch('harness_threadgroup_sum', { constants: [], args: [xb], groups: 1, threadsPerGroup: 64 })).toThrow(
      'binds 2 buffers; received 1',
    );
  });
});
