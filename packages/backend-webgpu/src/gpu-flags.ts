/**
 * The WebGPU flag values (fixed by the spec). Node's `webgpu` package only defines the
 * `GPUBufferUsage`/`GPUMapMode` globals if the app copies them onto globalThis, so we never read them.
 */
export const BUFFER_USAGE = {
  MAP_READ: 0x0001,
  COPY_SRC: 0x0004,
  COPY_DST: 0x0008,
  STORAGE: 0x0080,
} as const;

export const MAP_MODE_READ = 0x0001;

/** Every tensor buffer: bound as storage, filled by writeBuffer, copied out for readback. */
export const TENSOR_USAGE = BUFFER_USAGE.STORAGE | BUFFER_USAGE.COPY_SRC | BUFFER_USAGE.COPY_DST;
/** Readback staging buffers. */
export const READBACK_USAGE = BUFFER_USAGE.MAP_READ | BUFFER_USAGE.COPY_DST;
