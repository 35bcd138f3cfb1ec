import { describe, expect, it } from 'vitest';
import { createWasmHeap } from './wasm-heap.js';

const PAGE = 65536;
const sharedMemory = () => new WebAssembly.Memory({ initial: 1, maximum: 64, shared: true });

describe('createWasmHeap', () => {
  it('hands out aligned, disjoint blocks above its base and grows the memory for them', () => {
    const memory = sharedMemory();
    const heap = createWasmHeap(memory, 100, 64 * PAGE);
    const a = heap.alloc(10);
    const b = heap.alloc(PAGE * 2);
    expect(a).toBe(128);
    expect(b % 64).toBe(0);
    expect(b).toBeGreaterThanOrEqual(a + 64);
    expect(memory.buffer.byteLength).toBeGreaterThanOrEqual(b + PAGE * 2);
    expect(heap.stats().live).toBe(64 + PAGE * 2);
  });

  it('reuses a freed block of the same size, and starts over when every block is free', () => {
    const heap = createWasmHeap(sharedMemory(), 0, 64 * PAGE);
    const a = heap.alloc(1000);
    const b = heap.alloc(1000);
    heap.alloc(64);
    heap.free(a);
    expect(heap.alloc(1000)).toBe(a);
    heap.free(b);
    // A different size does not take b's block.
    const c = heap.alloc(2000);
    expect(c).not.toBe(b);
    expect(heap.alloc(1000)).toBe(b);
    expect(heap.stats().live).toBeGreaterThan(0);
  });

  it('lowers its top when the topmost block goes, and resets when the last one does', () => {
    const heap = createWasmHeap(sharedMemory(), 0, 64 * PAGE);
    const a = heap.alloc(64);
    const b = heap.alloc(64);
    heap.free(b);
    expect(heap.stats().top).toBe(b);
    heap.free(a);
    expect(heap.stats()).toEqual({ live: 0, top: 0 });
  });

  it('ignores a double free and addresses it never gave out', () => {
    const heap = createWasmHeap(sharedMemory(), 0, 64 * PAGE);
    const a = heap.alloc(64);
    const b = heap.alloc(64);
    heap.free(a);
    heap.free(a);
    heap.free(12345);
    // Were a in the bin twice, two allocations would share it.
    expect(heap.alloc(64)).toBe(a);
    expect(heap.alloc(64)).not.toBe(a);
    expect(heap.stats().live).toBe(3 * 64);
    heap.free(b);
  });

  it('says no past its limit instead of growing', () => {
    const heap = createWasmHeap(sharedMemory(), 0, 4 * PAGE);
    expect(heap.alloc(3 * PAGE)).toBe(0);
    expect(heap.alloc(2 * PAGE)).toBe(-1);
    expect(heap.f32(PAGE)).toBeUndefined();
  });

  it('gives float32 views that survive growth, are zeroed unless told, and know their address', () => {
    const memory = sharedMemory();
    const heap = createWasmHeap(memory, 0, 64 * PAGE);
    const a = heap.f32(4)!;
    a.set([1, 2, 3, 4]);
    const big = heap.f32(4 * PAGE)!; // grows the memory: `a` must still see its values
    expect([...a]).toEqual([1, 2, 3, 4]);
    expect(heap.addressOf(a)).toBe(0);
    expect(heap.addressOf(big)).toBe(64);
    expect(heap.addressOf(new Float32Array(4))).toBe(-1);
    heap.release(a);
    const again = heap.f32(4)!;
    expect([...again]).toEqual([0, 0, 0, 0]);
    heap.release(again);
    again.set([5, 6, 7, 8]);
    const raw = heap.f32(4, false)!;
    expect([...raw]).toEqual([5, 6, 7, 8]);
  });

  it('copies an array into a new block, growing the memory (even a plain one) for it', () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const heap = createWasmHeap(memory, 0, 64 * PAGE);
    const data = Float32Array.from({ length: PAGE }, (_, i) => i); // 4 pages: the memory must grow
    const at = heap.copyIn(data);
    expect(at).toBe(0);
    expect(new Float32Array(memory.buffer, at, data.length)).toEqual(data);
    expect(createWasmHeap(sharedMemory(), 0, PAGE).copyIn(data)).toBe(-1);
  });

  it('holds no views on a plain memory (growing it would detach them), only addresses', () => {
    const heap = createWasmHeap(new WebAssembly.Memory({ initial: 1 }), 0, 64 * PAGE);
    expect(heap.f32(4)).toBeUndefined();
    expect(heap.alloc(16)).toBe(0);
  });
});
