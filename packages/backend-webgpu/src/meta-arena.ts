import { BUFFER_USAGE } from './gpu-flags.js';

const CHUNK_BYTES = 64 * 1024;

interface Chunk {
  readonly buffer: GPUBuffer;
  readonly host: Int32Array;
  used: number;
}

export interface MetaSlice {
  readonly buffer: GPUBuffer;
  readonly offset: number;
  readonly size: number;
}

/**
 * Per-dispatch metadata (shapes, strides, sizes as i32) packed into a few storage buffers per
 * submit. Values are staged on the host and written with one writeBuffer per chunk just before the
 * submit that reads them, which the queue orders after every earlier submit: no buffer per
 * dispatch, and no write can overtake a command still reading the previous contents.
 */
export class MetaArena {
  private readonly chunks: Chunk[] = [];
  private current = 0;

  constructor(
    private readonly device: GPUDevice,
    /** minStorageBufferOffsetAlignment of the device, in bytes. */
    private readonly alignment: number,
  ) {}

  push(values: ArrayLike<number>): MetaSlice {
    const bytes = Math.max(4, values.length * 4);
    if (bytes > CHUNK_BYTES) throw new RangeError(`metadata of ${values.length} values exceeds a chunk`);
    let chunk = this.chunks[this.current];
    if (chunk && align(chunk.used, this.alignment) + bytes > CHUNK_BYTES) chunk = this.chunks[++this.current];
    if (!chunk) {
      chunk = {
        buffer: this.device.createBuffer({ label: 'meta', size: CHUNK_BYTES, usage: BUFFER_USAGE.STORAGE | BUFFER_USAGE.COPY_DST }),
        host: new Int32Array(CHUNK_BYTES / 4),
        used: 0,
      };
      this.chunks[this.current] = chunk;
    }
    const offset = align(chunk.used, this.alignment);
    chunk.host.set(values, offset / 4);
    chunk.used = offset + bytes;
    return { buffer: chunk.buffer, offset, size: bytes };
  }

  /** Writes the staged values; call right before submitting the commands that read them. */
  upload(queue: GPUQueue): void {
    for (let i = 0; i <= this.current && i < this.chunks.length; i++) {
      const c = this.chunks[i]!;
      if (c.used > 0) queue.writeBuffer(c.buffer, 0, c.host.buffer, 0, align(c.used, 4));
      c.used = 0;
    }
    this.current = 0;
  }

  destroy(): void {
    for (const c of this.chunks) c.buffer.destroy();
    this.chunks.length = 0;
  }
}

function align(n: number, to: number): number {
  return Math.ceil(n / to) * to;
}
