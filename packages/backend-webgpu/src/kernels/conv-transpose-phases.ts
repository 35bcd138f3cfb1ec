/**
 * ConvTranspose split by output phase: along an axis with stride s, outputs o ≡ r (mod s) are
 * reached only by taps k with k·dilation ≡ r + padding (mod s), an arithmetic progression
 * k0, k0 + step, … (step = s / gcd(dilation, s)). Running each phase as its own GEMM over just
 * those taps skips the zeros a stride-s layer would otherwise multiply (s^d of the work).
 * Per axis and residue r: [k0, taps, outputs, step] (taps = 0 when no tap reaches the phase).
 */
export function convTransposePhases(
  kernel: readonly number[],
  stride: readonly number[],
  padding: readonly number[],
  dilation: readonly number[],
  outSize: readonly number[],
): number[][][] {
  return kernel.map((k, a) => {
    const s = stride[a]!;
    const d = dilation[a]!;
    const step = s / gcd(d, s);
    return Array.from({ length: s }, (_, r) => {
      const target = (r + padding[a]!) % s;
      let k0 = -1;
      for (let t = 0; t < Math.min(k, step); t++) if ((t * d) % s === target) { k0 = t; break; }
      const taps = k0 < 0 ? 0 : Math.ceil((k - k0) / step);
      const outputs = Math.max(0, Math.ceil((outSize[a]! - r) / s));
      return [Math.max(k0, 0), taps, outputs, step];
    });
  });
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
