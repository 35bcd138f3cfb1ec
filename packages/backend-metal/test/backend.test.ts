import {
  BackendError,
  BackendUnavailableError,
  DTypeError,
  getBackend,
  registerBackend,
  setBackend,
  tensor,
} from '@weightnorm/core';
import { useBackend } from '@weightnorm/core/testing';
import { describe, expect, it } from 'vitest';
import { backends, createMetalBackend, metalBackend } from '../src/index.js';
import { createTarget, skipReason, targetName } from './target-backend.js';

describe('backend-metal package', () => {
  it('exports both backends for lookup by name', () => {
    expect(backends.map((b) => b.name)).toEqual(['metal', 'metal-emulated']);
  });

  it.runIf(process.platform !== 'darwin')("setBackend('metal') rejects off macOS and keeps the previous backend", async () => {
    registerBackend(metalBackend.name, metalBackend.create);
    const before = getBackend();
    const attempt = setBackend('metal');
    await expect(attempt).rejects.toBeInstanceOf(BackendUnavailableError);
    await expect(attempt).rejects.toBeInstanceOf(BackendError);
    await expect(attempt).rejects.toThrow(/^Metal needs macOS with a Metal device/);
    expect(getBackend()).toBe(before);
  });

  it('rejects an unknown device option with a typed error', () => {
    expect(() => createMetalBackend({ device: 'cuda' as never })).toThrow(BackendError);
    expect(() => createMetalBackend({ device: 'cuda' as never })).toThrow('createMetalBackend: device must be "metal" or "emulated"; received "cuda"');
  });
});

describe.skipIf(skipReason !== undefined)(`${targetName}: storage at the JS boundary`, () => {
  it('uploads, reads back and says what it is', async () => {
    const backend = createTarget();
    expect(backend.describe?.()).toMatch(targetName === 'metal' ? /metal/ : /metal-emulated/);
    expect(backend.supports('float16')).toBe(true);
    const s = backend.upload(new Int32Array([1, -2, 2147483647]), 'int32');
    expect(Array.from(await backend.read(s, 'int32', 3))).toEqual([1, -2, 2147483647]);
    const h = backend.upload(new Uint16Array([0x3c00, 0xfc00]), 'float16');
    expect(Array.from(await backend.read(h, 'float16', 2))).toEqual([0x3c00, 0xfc00]);
    backend.dispose(s);
    backend.dispose(h);
  });

  it('rejects host data of the wrong type for its dtype', () => {
    const backend = createTarget();
    expect(() => backend.upload(new Float32Array(2), 'int32')).toThrow(DTypeError);
    expect(() => backend.upload(new Float32Array(2), 'int32')).toThrow(`${targetName} upload: data must be a Int32Array for int32; received a Float32Array`);
  });

  it('rejects reading past the storage, and reading or disposing it after dispose', async () => {
    const backend = createTarget();
    const s = backend.upload(new Float32Array(4), 'float32');
    await expect(backend.read(s, 'float32', 5)).rejects.toThrow(`${targetName} read: size must be an element count in [0, 4] for this float32 storage; received 5`);
    backend.dispose(s);
    await expect(backend.read(s, 'float32', 1)).rejects.toThrow(BackendError);
    expect(() => backend.dispose(s)).toThrow(`${targetName} dispose: storage must be storage not yet disposed`);
  });

  it('rejects storage of another device instance in a kernel', () => {
    const a = createTarget();
    const b = createTarget();
    const foreign = b.upload(new Float32Array([1, 2]), 'float32');
    const neg = a.kernels.get('Neg')!;
    expect(() =>
      neg.run(a.context, { x: { storage: foreign, shape: [2], dtype: 'float32' } }, {}, { shape: [2], dtype: 'float32' }),
    ).toThrow(`${targetName} Neg: input 0 must be live storage of this ${targetName} device; received "storage of another device"`);
  });

  it('turns an argument the kernels cannot take into a BackendError naming the op', async () => {
    await useBackend(createTarget());
    // A rank-9 tensor: core allows it, the kernels' fixed parameter arrays stop at 8.
    const x = tensor(new Float32Array(2), [1, 1, 1, 1, 1, 1, 1, 1, 2]);
    const y = x.add(x);
    await expect(y.data()).rejects.toBeInstanceOf(BackendError);
    await expect(y.data()).rejects.toThrow(/\[Add\] every input must have rank at most 8; received rank 9/);
  });

  it('keeps results correct when storage is read before and after flush', async () => {
    await useBackend(createTarget());
    const x = tensor([1, 2, 3, 4], [2, 2]);
    const y = x.mul(x).sum(1);
    expect(Array.from(await y.data())).toEqual([5, 25]);
    expect(Array.from(await y.add(1).data())).toEqual([6, 26]);
  });
});
