import { describe, expect, it } from 'vitest';
import { BufferPool, type BufferFactory } from './buffer-pool.js';

/** A stand-in device: buffers are plain objects that remember their size and usage. */
function fakeDevice() {
  const made: { size: number; usage: number; destroyed: boolean }[] = [];
  const device: BufferFactory = {
    createBuffer: ({ size, usage }) => {
      const b = { size, usage, destroyed: false, destroy() { b.destroyed = true; } };
      made.push(b);
      return b as unknown as GPUBuffer;
    },
  };
  return { device, made };
}

describe('BufferPool', () => {
  it('reuses a released buffer of the same size class and usage', () => {
    const { device, made } = fakeDevice();
    const pool = new BufferPool(device);
    const a = pool.acquire(1000, 0x84);
    pool.release(a);
    const b = pool.acquire(1010, 0x84);
    expect(b).toBe(a);
    expect(made).toHaveLength(1);
    expect(pool.snapshot()).toMatchObject({ created: 1, reused: 1, free: 0 });
  });

  it('keeps usages apart and creates a new buffer for another size class', () => {
    const { device, made } = fakeDevice();
    const pool = new BufferPool(device);
    pool.release(pool.acquire(1000, 0x84));
    const other = pool.acquire(1000, 0x09);
    const bigger = pool.acquire(4000, 0x84);
    expect(made).toHaveLength(3);
    expect(other.usage).toBe(0x09);
    expect(bigger.size).toBeGreaterThanOrEqual(4000);
    expect(pool.snapshot().free).toBe(1);
  });

  it('destroys releases beyond its byte budget, and everything on clear', () => {
    const { device, made } = fakeDevice();
    const pool = new BufferPool(device, 2048);
    const a = pool.acquire(2000, 0x84);
    const b = pool.acquire(2000, 0x84);
    pool.release(a);
    pool.release(b);
    expect(made[0]!.destroyed).toBe(false);
    expect(made[1]!.destroyed).toBe(true);
    pool.clear();
    expect(made[0]!.destroyed).toBe(true);
    expect(pool.snapshot()).toMatchObject({ free: 0, freeBytes: 0 });
  });
});
