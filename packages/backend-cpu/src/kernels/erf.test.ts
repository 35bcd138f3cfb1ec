import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../test/kernel-test-utils.js';
import { erf } from './erf.js';

// √π to 64 digits, scaled by 10^63.
const SQRT_PI = 1772453850905516027298167483341145182797549456122387128213807789n;
const SQRT_PI_SCALE = 10n ** 63n;
const SCALE = 10n ** 120n;

/** The exact rational value of a double, as numerator / denominator. */
function exactRational(x: number): [bigint, bigint] {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  let mantissa = bits & ((1n << 52n) - 1n);
  if (biased !== 0) mantissa |= 1n << 52n;
  const exponent = (biased === 0 ? 1 : biased) - 1075;
  const num = bits >> 63n ? -mantissa : mantissa;
  return exponent >= 0 ? [num << BigInt(exponent), 1n] : [num, 1n << BigInt(-exponent)];
}

/**
 * erf(x) for 0 ≤ x ≤ 6 from the Taylor series 2/√π Σ (−1)ⁿ x^(2n+1) / (n!(2n+1)) in 120-digit
 * fixed point: the cancellation costs at most 16 digits, so the double parsed from the decimal
 * string is the correctly rounded erf(x).
 */
function referenceErf(x: number): number {
  const [num, den] = exactRational(x);
  const xs = (num * SCALE) / den;
  const x2 = (xs * xs) / SCALE;
  let power = xs;
  let factorial = 1n;
  let sum = 0n;
  for (let n = 0; ; n++) {
    const term = power / (factorial * BigInt(2 * n + 1));
    if (term === 0n) break;
    sum += n % 2 === 0 ? term : -term;
    power = (power * x2) / SCALE;
    factorial *= BigInt(n + 1);
  }
  const scaled = (2n * sum * SQRT_PI_SCALE) / SQRT_PI;
  const digits = scaled.toString().padStart(121, '0');
  return Number(`${digits.slice(0, -120)}.${digits.slice(-120)}`);
}

describe('erf', () => {
  it('matches published values', () => {
    expect(erf(0.5)).toBeCloseTo(0.5204998778130465, 15);
    expect(erf(1)).toBeCloseTo(0.8427007929497149, 15);
    expect(erf(2)).toBeCloseTo(0.9953222650189527, 15);
    expect(erf(3)).toBeCloseTo(0.9999779095030014, 15);
  });

  it('stays within 1e-13 relative error of a 120-digit series on [0, 6]', () => {
    const random = mulberry32(7);
    const points = [1e-12, 1e-6, 0.001, 0.1, 2.4999999999999996, 2.5, 2.5000000000000004, 4, 5.9, 5.999];
    for (let i = 1; i <= 600; i++) points.push(i / 100);
    for (let i = 0; i < 1500; i++) points.push(random() * 6);
    let worst = 0;
    for (const x of points) {
      const want = referenceErf(x);
      worst = Math.max(worst, Math.abs(erf(x) - want) / want);
    }
    expect(worst).toBeLessThan(1e-13);
  });

  it('is odd, exactly', () => {
    const random = mulberry32(11);
    for (let i = 0; i < 500; i++) {
      const x = random() * 8;
      expect(erf(-x)).toBe(-erf(x));
    }
    expect(Object.is(erf(-0), -0)).toBe(true);
    expect(Object.is(erf(0), 0)).toBe(true);
  });

  it('is 2x/√π near zero, including subnormals', () => {
    for (const x of [1e-300, 5e-324, 1e-20, -3e-17]) {
      expect(erf(x)).toBeCloseTo((2 / Math.sqrt(Math.PI)) * x, 320);
      expect(Math.abs(erf(x) / ((2 / Math.sqrt(Math.PI)) * x) - 1)).toBeLessThan(1e-15);
    }
  });

  it('saturates to ±1 and passes NaN through', () => {
    expect(erf(6)).toBe(1);
    expect(erf(27)).toBe(1);
    expect(erf(1e308)).toBe(1);
    expect(erf(Infinity)).toBe(1);
    expect(erf(-Infinity)).toBe(-1);
    expect(erf(-40)).toBe(-1);
    expect(erf(NaN)).toBeNaN();
  });
});
