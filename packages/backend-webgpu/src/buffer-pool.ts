import { sizeClass } from './size-class.js';

/** The part of GPUDevice the pool uses, so tests can count allocations without a GPU. */
export interface BufferFactory {
  createBuffer(descriptor: GPUBufferDescriptor): GPUBuffer;
}

export interface BufferPoolStats {
  /** Buffers created since the pool was made. */
  created: number;
  /** Acquisitions served from a released buffer. */
  reused: number;
  /** Buffers waiting in the pool now. */
  free: number;
  /** Bytes held by the pool's free buffers. */
  freeBytes: number;
}

/**
 * GPU buffers pooled by size class and usage (tfjs's buffer manager, with size classes instead of
 * exact sizes). A released buffer may be handed out again while earlier encoded commands still
 * read it: commands in one queue run in order, so the new writer comes after the old readers.
 * Anything that writes through the queue instead (writeBuffer) must first submit pending work.
 */
export class BufferPool {
  private readonly free = new Map<string, GPUBuffer[]>();
  private readonly stats = { created: 0, reused: 0 };
  private freeBytes = 0;

  constructor(
    private readonly device: BufferFactory,
    /** Free bytes kept for reuse; releases beyond it destroy the buffer. */
    private readonly maxFreeBytes = 512 * 1024 * 1024,
  ) {}

  acquire(bytes: number, usage: number): GPUBuffer {
    const size = sizeClass(bytes);
    const list = this.free.get(key(size, usage));
    const found = list?.pop();
    if (found) {
      this.stats.reused++;
      this.freeBytes -= size;
      return found;
    }
    this.stats.created++;
    return this.device.createBuffer({ size, usage });
  }

  release(buffer: GPUBuffer): void {
    if (this.freeBytes + buffer.size > this.maxFreeBytes) {
      buffer.destroy();
      return;
    }
    const k = key(buffer.size, buffer.usage);
    let list = this.free.get(k);
    if (!list) this.free.set(k, (list = []));
    list.push(buffer);
    this.freeBytes += buffer.size;
  }

  /** Destroys every free buffer (on backend destroy). */
  clear(): void {
    for (const list of this.free.values()) for (const b of list) b.destroy();
    this.free.clear();
    this.freeBytes = 0;
  }

  snapshot(): BufferPoolStats {
    let free = 0;
    for (const list of this.free.values()) free += list.length;
    return { ...this.stats, free, freeBytes: this.freeBytes };
  }
}

function key(size: number, usage: number): string {
  return `${size}:${usage}`;
}
