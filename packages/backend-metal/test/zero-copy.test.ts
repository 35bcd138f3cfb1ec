import { execFileSync } from 'node:child_process';
import { BackendError, DTypeError, type Backend } from '@weightnorm/core';
import { describe, expect, it } from 'vitest';
import { addonPath, loadAddon } from '../src/load-addon.js';
import type { MetalContext } from '../src/metal-context.js';
import type { MetalStorage } from '../src/metal-storage.js';
import { createTarget, skipReason, targetName } from './target-backend.js';

type MetalBackend = Backend<MetalStorage, MetalContext>;

/** Runs core's `op` kernel on float32 storages of `shape` and submits it. */
async function run(backend: MetalBackend, op: 'Neg' | 'Add', inputs: MetalStorage[], shape: number[]): Promise<MetalStorage> {
  const names = op === 'Neg' ? ['x'] : ['a', 'b'];
  const named = Object.fromEntries(inputs.map((s, i) => [names[i]!, { storage: s, shape, dtype: 'float32' as const }]));
  const out = await backend.kernels.get(op)!.run(backend.context, named as never, {} as never, { shape, dtype: 'float32' });
  await backend.flush!();
  return out;
}

/** Counts of the paths taken since `before`. */
function delta(backend: MetalBackend, before: ReturnType<MetalContext['stats']>) {
  const now = backend.context.stats();
  return {
    uploadWraps: now.uploadWraps - before.uploadWraps,
    uploadCopies: now.uploadCopies - before.uploadCopies,
    readViews: now.readViews - before.readViews,
    readCopies: now.readCopies - before.readCopies,
  };
}

describe.skipIf(skipReason !== undefined)(`${targetName}: zero-copy shared buffers`, () => {
  it('hands out zero-filled, page-aligned host arrays of the requested length', () => {
    const { context } = createTarget();
    const a = context.hostArray('float32', 5);
    expect(a).toBeInstanceOf(Float32Array);
    expect(Array.from(a)).toEqual([0, 0, 0, 0, 0]);
    expect(context.hostArray('float16', 3)).toBeInstanceOf(Uint16Array);
    expect(context.hostArray('int32', 0)).toHaveLength(0);
    expect([4096, 16384]).toContain(loadAddon(targetName).pageSize);
  });

  it('rejects a host array of a bad dtype or size, naming the argument', () => {
    const { context } = createTarget();
    expect(() => context.hostArray('float64' as never, 1)).toThrow(DTypeError);
    expect(() => context.hostArray('float32', -1)).toThrow(`${targetName} hostArray: size must be an element count in [0, 1073741823]; received -1`);
    expect(() => context.hostArray('float32', 1.5)).toThrow(BackendError);
  });

  it('wraps a host array without a copy: writes to it after upload reach the kernels', async () => {
    const backend = createTarget();
    const before = backend.context.stats();
    const x = backend.context.hostArray('float32', 4) as Float32Array;
    x.set([1, 2, 3, 4]);
    const s = backend.upload(x, 'float32');
    expect(delta(backend, before)).toMatchObject({ uploadWraps: 1, uploadCopies: 0 });
    // Write-through: the device buffer is the array's own memory.
    x[0] = 10;
    const y = await run(backend, 'Neg', [s], [4]);
    expect(Array.from(await backend.read(y, 'float32', 4))).toEqual([-10, -2, -3, -4]);
  });

  it('copies ordinary arrays once: later writes to them do not reach the device', async () => {
    const backend = createTarget();
    const before = backend.context.stats();
    const x = new Float32Array([1, 2, 3, 4]);
    const s = backend.upload(x, 'float32');
    expect(delta(backend, before)).toMatchObject({ uploadWraps: 0, uploadCopies: 1 });
    x[0] = 10;
    const y = await run(backend, 'Neg', [s], [4]);
    expect(Array.from(await backend.read(y, 'float32', 4))).toEqual([-1, -2, -3, -4]);
  });

  it('wraps views of a host array only at page-aligned offsets', () => {
    const backend = createTarget();
    const perPage = loadAddon(targetName).pageSize / 4;
    const big = backend.context.hostArray('float32', 2 * perPage + 8) as Float32Array;
    const before = backend.context.stats();
    backend.upload(big.subarray(perPage), 'float32'); // starts on a page: wrapped
    backend.upload(big.subarray(perPage, perPage + 3), 'float32'); // same start, shorter: wrapped
    backend.upload(big.subarray(1), 'float32'); // 4 bytes into a page: newBufferWithBytesNoCopy cannot take it
    expect(delta(backend, before)).toMatchObject({ uploadWraps: 2, uploadCopies: 1 });
  });

  it('keeps results of wrapped inputs correct, and reads a result it may dispose as a view', async () => {
    const backend = createTarget();
    const n = 3000;
    const a = backend.context.hostArray('float32', n) as Float32Array;
    const b = backend.context.hostArray('float32', n) as Float32Array;
    a.set(Array.from({ length: n }, (_, i) => i * 0.5));
    b.set(Array.from({ length: n }, (_, i) => 1 - i));
    const sum = await run(backend, 'Add', [backend.upload(a, 'float32'), backend.upload(b, 'float32')], [n]);
    // A plain array made before the read: a typed array's memory could come from the same allocator.
    const want = Array.from({ length: n }, (_, i) => Math.fround(i * 0.5) + (1 - i));
    const before = backend.context.stats();
    const view = (await backend.context.readAndDispose(sum, 'float32', n)) as Float32Array;
    expect(delta(backend, before)).toMatchObject({ readViews: 1, readCopies: 0 });
    expect(sum.released).toBe(true);
    expect(Array.from(view)).toEqual(want);
    // The view pins its buffer: later allocations of the same size (new outputs) cannot reuse that
    // memory, so the data the caller holds never changes under it.
    for (let k = 0; k < 4; k++) {
      const other = await run(backend, 'Neg', [backend.upload(a, 'float32')], [n]);
      expect((await backend.read(other, 'float32', 1))[0]).toBe(-0);
      backend.dispose(other);
    }
    expect(Array.from(view)).toEqual(want);
    // Disposed by the read: using the storage again is an error.
    await expect(backend.read(sum, 'float32', 1)).rejects.toThrow(BackendError);
    expect(() => backend.dispose(sum)).toThrow(`${targetName} dispose: storage must be storage not yet disposed`);
  });

  it('copies when the storage to read wraps a host array, so the two never alias', async () => {
    const backend = createTarget();
    const x = backend.context.hostArray('int32', 3) as Int32Array;
    x.set([7, 8, 9]);
    const s = backend.upload(x, 'int32');
    const before = backend.context.stats();
    const got = (await backend.context.readAndDispose(s, 'int32', 3)) as Int32Array;
    expect(delta(backend, before)).toMatchObject({ readViews: 0, readCopies: 1 });
    got[0] = -1;
    expect(Array.from(x)).toEqual([7, 8, 9]);
    expect(Array.from(got)).toEqual([-1, 8, 9]);
  });

  it('read() copies: the caller can write its array without changing the tensor storage', async () => {
    const backend = createTarget();
    const y = await run(backend, 'Neg', [backend.upload(new Float32Array([1, 2]), 'float32')], [2]);
    const before = backend.context.stats();
    const first = (await backend.read(y, 'float32', 2)) as Float32Array;
    first[0] = 99;
    expect(Array.from(await backend.read(y, 'float32', 2))).toEqual([-1, -2]);
    expect(delta(backend, before)).toMatchObject({ readViews: 0, readCopies: 2 });
  });

  it('keeps wrapped memory alive after JS drops its array, until the device buffer is released', () => {
    // A child process, so the test can force garbage collection (--expose-gc) between upload and use.
    const script = `
      const addon = require(${JSON.stringify(addonPath)});
      const device = new addon.Device();
      let x = new Float32Array(addon.allocateHost(16));
      x.set([1, 2, 3, 4]);
      const buffer = device.upload(x);
      x = null;
      (async () => {
        // External ArrayBuffer finalizers run after the collection, once the loop turns.
        for (let i = 0; i < 5; i++) { gc(); await new Promise((r) => setTimeout(r, 1)); }
        // More allocations, which land on the freed pages if the upload's memory was freed (checked:
        // without the device buffer's share of the memory this prints 7s).
        const fill = [];
        for (let i = 0; i < 64; i++) fill.push(new Float32Array(addon.allocateHost(16)).fill(-7));
        const out = device.run('Neg', [buffer], [[4]], [0], [4], 0, {});
        const values = Array.from(new Float32Array(await device.read(out, 16)));
        console.log(JSON.stringify({ values, stats: device.stats() }));
      })();
    `;
    const printed = execFileSync(process.execPath, ['--expose-gc', '-e', script], { encoding: 'utf8' });
    const result = JSON.parse(printed) as { values: number[]; stats: { uploadWraps: number } };
    expect(result.stats.uploadWraps).toBe(1);
    expect(result.values).toEqual([-1, -2, -3, -4]);
  });
});
