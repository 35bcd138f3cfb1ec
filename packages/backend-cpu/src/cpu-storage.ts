/**
 * How the CPU backend holds a tensor: the host array itself, float16 as IEEE half bits in a
 * Uint16Array (the same layout core's HostArray uses, so upload and read copy nothing but bytes).
 */
export type CpuStorage = Float32Array | Uint16Array | Int32Array;
