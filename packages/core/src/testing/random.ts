/**
 * A seeded generator, so every backend sees the same inputs and a failure reproduces exactly.
 * mulberry32 for uniforms, Box-Muller for normals: both a few lines a reader can check.
 */
export interface Random {
  /** Uniform in [0, 1). */
  uniform(): number;
  /** Standard normal. */
  normal(): number;
  /** Integer in [lo, hi] inclusive. */
  int(lo: number, hi: number): number;
}

/** FNV-1a of a string: each case seeds its own generator from its name, so cases run in any order. */
export function seedFrom(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  const uniform = (): number => {
    // mulberry32 (Tommy Ettinger): 32-bit state, full period, good enough for test data.
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    uniform,
    normal() {
      // 1 − u is in (0, 1], so the log is finite.
      const u = 1 - uniform();
      const v = uniform();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    int(lo, hi) {
      return lo + Math.floor(uniform() * (hi - lo + 1));
    },
  };
}
