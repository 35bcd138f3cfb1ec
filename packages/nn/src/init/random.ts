/**
 * Seeded uniform generator for parameter init, so a model built twice with the same seed is the
 * same model. (Values differ from torch's generator: load a checkpoint for torch's exact weights.)
 */
let state = 0x9e3779b9;

/**
 * Reseeds the generator layers use to initialize parameters.
 *
 * @example
 * manualSeed(0);
 * const a = new Conv1d(4, 4, 3);
 * manualSeed(0);
 * const b = new Conv1d(4, 4, 3); // same initial weights as a
 */
export function manualSeed(seed: number): void {
  state = seed >>> 0 || 0x9e3779b9;
}

/** mulberry32: small, fast and good enough for weight init. */
export function nextUniform(): number {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** A Float32Array of U(-bound, bound) values. */
export function uniformArray(size: number, bound: number): Float32Array {
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = (nextUniform() * 2 - 1) * bound;
  return out;
}
