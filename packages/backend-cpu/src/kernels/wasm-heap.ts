const PAGE = 65536;
/** Blocks are multiples of a cache line, so vector loads never straddle two and rows stay aligned. */
const ALIGN = 64;

/**
 * An allocator over the WebAssembly module's linear memory, above the packing areas. Tensors the
 * hot kernels produce live here (on a shared memory, as Float32Array views), so the WebAssembly
 * kernels read and write them in place instead of copying every operand in and every result out.
 *
 * Freed blocks wait in exact-size bins: a model runs the same shapes call after call, so the next
 * call's outputs land in the blocks the last call's released, with no fresh pages to fault in.
 * Nothing is coalesced; when every block is free the heap starts over from its base. Past `limit`
 * bytes alloc() says no (−1) and callers fall back to plain arrays, so a caller that never disposes
 * (and a collector that runs late: it cannot see this memory) costs speed, never correctness.
 */
export interface WasmHeap {
  /** A block of at least `bytes` bytes (64-byte aligned), or −1 when it would pass the limit. */
  alloc(bytes: number): number;
  /** Gives a block back; unknown addresses are ignored, so a double free cannot corrupt the bins. */
  free(address: number): void;
  /**
   * A float32 view of a block (shared memory only: growing it never detaches a view), zeroed
   * unless the caller overwrites every element anyway, or undefined when the heap is full or its
   * memory is not shared.
   */
  f32(size: number, zeroed?: boolean): Float32Array | undefined;
  /** The byte address of a view into this heap's memory, or −1 for any other array. */
  addressOf(array: ArrayBufferView): number;
  /** A new block holding a copy of `array` (a kernel's temporary operand), or −1 when there is no room. */
  copyIn(array: Float32Array): number;
  /** Frees the block behind a view f32() returned; any other array is ignored. */
  release(array: ArrayBufferView): void;
  /** Bytes in live blocks, and the high-water mark of the heap (for tests and diagnostics). */
  stats(): { live: number; top: number };
}

export function createWasmHeap(memory: WebAssembly.Memory, base: number, limit: number): WasmHeap {
  // By tag, not instanceof: a page that is not cross-origin isolated may still get a shared memory
  // while the SharedArrayBuffer constructor is hidden.
  const shared = Object.prototype.toString.call(memory.buffer) === '[object SharedArrayBuffer]';
  // Every buffer object this memory has shown: a shared memory hands out a new one after each
  // grow, and views made on the older ones stay valid.
  const buffers = new WeakSet<ArrayBufferLike>([memory.buffer]);
  const start = roundUp(base);
  let top = start;
  let liveBytes = 0;
  const bins = new Map<number, number[]>();
  const live = new Map<number, number>();

  function alloc(bytes: number): number {
    const size = roundUp(Math.max(bytes, 1));
    let address = bins.get(size)?.pop();
    if (address === undefined) {
      if (top + size > limit) return -1;
      const end = top + size;
      if (end > memory.buffer.byteLength) {
        try {
          memory.grow(Math.ceil((end - memory.buffer.byteLength) / PAGE));
        } catch {
          return -1;
        }
        buffers.add(memory.buffer);
      }
      address = top;
      top = end;
    }
    live.set(address, size);
    liveBytes += size;
    return address;
  }

  function free(address: number): void {
    const size = live.get(address);
    if (size === undefined) return;
    live.delete(address);
    liveBytes -= size;
    if (live.size === 0) {
      top = start;
      bins.clear();
      return;
    }
    if (address + size === top) {
      top = address;
      return;
    }
    let bin = bins.get(size);
    if (!bin) bins.set(size, (bin = []));
    bin.push(address);
  }

  function addressOf(array: ArrayBufferView): number {
    return buffers.has(array.buffer) ? array.byteOffset : -1;
  }

  return {
    alloc,
    free,
    f32(size, zeroed = true) {
      if (!shared) return undefined;
      const address = alloc(size * 4);
      if (address < 0) return undefined;
      const view = new Float32Array(memory.buffer, address, size);
      buffers.add(view.buffer);
      // A reused block holds the last tensor's values; most kernels count on zeros.
      if (zeroed) view.fill(0);
      return view;
    },
    addressOf,
    copyIn(array) {
      const address = alloc(array.length * 4);
      // Viewed after the alloc: growing a plain (unshared) memory detaches its old buffer.
      if (address >= 0) new Float32Array(memory.buffer, address, array.length).set(array);
      return address;
    },
    release(array) {
      const address = addressOf(array);
      if (address >= 0) free(address);
    },
    stats: () => ({ live: liveBytes, top }),
  };
}

function roundUp(bytes: number): number {
  return Math.ceil(bytes / ALIGN) * ALIGN;
}
