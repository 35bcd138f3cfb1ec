/**
 * The byte size a pooled buffer of `bytes` gets: at least 16, then 8 classes per power of two (from
 * 32 bytes on; below, 4-byte steps), so a buffer serves any request within 12.5 % below its size
 * and reuse does not need exact sizes.
 * Always a multiple of 4, as WebGPU's copies and storage bindings require.
 */
export function sizeClass(bytes: number): number {
  if (bytes <= 16) return 16;
  const octave = 2 ** Math.floor(Math.log2(bytes - 1));
  const step = Math.max(4, octave / 8);
  return Math.ceil(bytes / step) * step;
}
