import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bfloat16BitsToFloat32,
  float16BitsToFloat32,
  float32ToBfloat16Bits,
  float32ToFloat16Bits,
  fromBfloat16Bits,
  fromFloat16Bits,
  roundToFloat16,
  toBfloat16Bits,
  toFloat16Bits,
} from './float16.js';

const isHalfNaN = (h: number) => (h & 0x7c00) === 0x7c00 && (h & 0x3ff) !== 0;
const isBfloatNaN = (h: number) => (h & 0x7f80) === 0x7f80 && (h & 0x7f) !== 0;

/** The value of half bits by the textbook formula, independent of the bit tricks under test. */
function referenceHalf(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exp = (h >> 10) & 0x1f;
  const mant = h & 0x3ff;
  if (exp === 0) return sign * mant * 2 ** -24;
  if (exp === 31) return mant === 0 ? sign * Infinity : NaN;
  return sign * (1 + mant / 1024) * 2 ** (exp - 15);
}

/** Exponent of the binade holding |x|, i.e. floor(log2 |x|), without trusting Math.log2 at edges. */
function binade(x: number): number {
  const ax = Math.abs(x);
  let e = Math.floor(Math.log2(ax));
  if (2 ** e > ax) e -= 1;
  if (2 ** (e + 1) <= ax) e += 1;
  return e;
}

describe('float16 scalar conversions', () => {
  it('widens every one of the 65536 half bit patterns exactly, and narrows it back to itself', () => {
    // Collect failures and assert once: 65536 expect calls would dominate the run time.
    const failures: number[] = [];
    for (let h = 0; h < 0x10000; h++) {
      const value = float16BitsToFloat32(h);
      const ok = isHalfNaN(h)
        ? Number.isNaN(value) && isHalfNaN(float32ToFloat16Bits(value))
        : Object.is(value, referenceHalf(h)) && float32ToFloat16Bits(value) === h;
      if (!ok) failures.push(h);
    }
    expect(failures).toEqual([]);
  });

  it.each([
    [1, 0x3c00],
    [-2, 0xc000],
    [0.5, 0x3800],
    [65504, 0x7bff], // largest finite half
    [65519, 0x7bff], // below the half-way point to 65536
    [65520, 0x7c00], // exactly half-way to 2^16: ties to even, and the even neighbour is Inf
    [-65520, 0xfc00],
    [1e6, 0x7c00],
    [Infinity, 0x7c00],
    [-Infinity, 0xfc00],
    [2 ** -14, 0x0400], // smallest normal, 6.1035e-5
    [6.1e-5, 0x03ff], // just below it: the largest subnormal
    [5.96e-8, 0x0001], // smallest subnormal 2^-24 ≈ 5.96e-8
    [2 ** -24, 0x0001],
    [2 ** -25, 0x0000], // half of the smallest subnormal: tie to even 0
    [-(2 ** -25), 0x8000],
    [2 ** -25 * 1.0000001, 0x0001], // just above that tie
    [3 * 2 ** -25, 0x0002], // tie between subnormals 1 and 2 goes to even 2
    [1023.5 * 2 ** -24, 0x0400], // tie between the largest subnormal and the smallest normal
    [1 + 2 ** -11, 0x3c00], // tie between 0x3c00 and 0x3c01 goes to even 0x3c00
    [1 + 3 * 2 ** -11, 0x3c02], // tie between 0x3c01 and 0x3c02 goes to even 0x3c02
    [1 + 2 ** -11 + 2 ** -20, 0x3c01], // just above a tie
    [2049, 0x6800], // 2048 and 2050 are neighbours; 2049 is a tie, 2048 is even
    [2051, 0x6802],
    [1e-10, 0x0000],
    [-1e-10, 0x8000],
  ])('float32ToFloat16Bits(%d) is %i', (x, bits) => {
    expect(float32ToFloat16Bits(x)).toBe(bits);
  });

  it('keeps the sign of zero', () => {
    expect(float32ToFloat16Bits(0)).toBe(0x0000);
    expect(float32ToFloat16Bits(-0)).toBe(0x8000);
    expect(Object.is(float16BitsToFloat32(0x8000), -0)).toBe(true);
  });

  it('maps NaN to a half NaN and back to NaN', () => {
    expect(float32ToFloat16Bits(NaN)).toBe(0x7e00);
    expect(float16BitsToFloat32(0x7e00)).toBeNaN();
    expect(float16BitsToFloat32(0x7c01)).toBeNaN();
    expect(float16BitsToFloat32(0xfc01)).toBeNaN();
  });

  it('rounds through float32 first, like torch does for float32 tensors', () => {
    // Directly, this double is just above the 0x3c00/0x3c01 tie; as a float32 it is the tie.
    expect(float32ToFloat16Bits(1 + 2 ** -11 + 2 ** -40)).toBe(0x3c00);
  });

  it('roundToFloat16 is the half round trip', () => {
    expect(roundToFloat16(0.1)).toBe(0.0999755859375);
    expect(roundToFloat16(65520)).toBe(Infinity);
    expect(roundToFloat16(NaN)).toBeNaN();
  });

  it('is within half a half-ulp for every float in the normal half range', () => {
    fc.assert(
      fc.property(
        fc.float({ min: Math.fround(2 ** -14), max: 65504, noNaN: true }),
        fc.boolean(),
        (magnitude, negative) => {
          const x = negative ? -magnitude : magnitude;
          const ulp = 2 ** (binade(x) - 10);
          return Math.abs(roundToFloat16(x) - x) <= ulp / 2;
        },
      ),
      { numRuns: 20000 },
    );
  });

  it('is within half a subnormal step below the normal range', () => {
    fc.assert(
      fc.property(fc.float({ min: Math.fround(-(2 ** -14)), max: Math.fround(2 ** -14), noNaN: true }), (x) => {
        return Math.abs(roundToFloat16(x) - x) <= 2 ** -25;
      }),
    );
  });

  it('agrees with the nearest of the two neighbouring halves, ties to even', () => {
    fc.assert(
      fc.property(fc.float({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const h = float32ToFloat16Bits(x);
        const rounded = float16BitsToFloat32(h);
        if (!Number.isFinite(rounded)) return Math.abs(x) >= 65520;
        // No finite half lies strictly closer to x than the chosen one.
        const err = Math.abs(rounded - x);
        const below = float16BitsToFloat32((h & 0x7fff) === 0 ? h : h - 1);
        const above = float16BitsToFloat32((h & 0x7fff) === 0x7bff ? h : h + 1);
        const closer = [below, above].filter((n) => Number.isFinite(n) && Math.abs(n - x) < err);
        return closer.length === 0 && (Math.abs(x) === 0 || Math.sign(rounded) !== -Math.sign(x));
      }),
      { numRuns: 20000 },
    );
  });
});

describe('bfloat16 scalar conversions', () => {
  const bitsOf = (x: number) => new Uint32Array(new Float32Array([x]).buffer)[0];
  const fromBits = (bits: number) => new Float32Array(new Uint32Array([bits]).buffer)[0];

  it.each([
    [1, 0x3f80],
    [-2, 0xc000],
    [Infinity, 0x7f80],
    [-Infinity, 0xff80],
    [3.4028234663852886e38, 0x7f80], // float32 max is past the last bf16 tie: rounds to Inf
  ])('float32ToBfloat16Bits(%d) is %i', (x, bits) => {
    expect(float32ToBfloat16Bits(x)).toBe(bits);
  });

  it('rounds ties to even on the float32 bits', () => {
    expect(float32ToBfloat16Bits(fromBits(0x3f808000))).toBe(0x3f80); // tie, 0x3f80 is even
    expect(float32ToBfloat16Bits(fromBits(0x3f818000))).toBe(0x3f82); // tie, 0x3f82 is even
    expect(float32ToBfloat16Bits(fromBits(0x3f808001))).toBe(0x3f81); // just above the tie
    expect(float32ToBfloat16Bits(fromBits(0x3f807fff))).toBe(0x3f80); // just below the tie
    expect(float32ToBfloat16Bits(fromBits(0x7f7fffff))).toBe(0x7f80); // carry up to Inf
  });

  it('keeps NaN a NaN and zero signed', () => {
    expect(isBfloatNaN(float32ToBfloat16Bits(NaN))).toBe(true);
    expect(bfloat16BitsToFloat32(0x7fc0)).toBeNaN();
    expect(float32ToBfloat16Bits(-0)).toBe(0x8000);
    expect(Object.is(bfloat16BitsToFloat32(0x8000), -0)).toBe(true);
  });

  it('round-trips all 65536 bfloat16 bit patterns', () => {
    const failures: number[] = [];
    for (let h = 0; h < 0x10000; h++) {
      const value = bfloat16BitsToFloat32(h);
      const ok = isBfloatNaN(h)
        ? Number.isNaN(value) && isBfloatNaN(float32ToBfloat16Bits(value))
        : bitsOf(value) === (h << 16) >>> 0 && float32ToBfloat16Bits(value) === h;
      if (!ok) failures.push(h);
    }
    expect(failures).toEqual([]);
  });
});

describe('array conversions', () => {
  const values = [0, -0, 1, -2, 0.1, 65520, 6.1e-5, 5.96e-8, NaN, Infinity, -1e-10, 3.4e38];

  it('match the scalar conversions for plain arrays and Float32Arrays', () => {
    const half = values.map(float32ToFloat16Bits);
    expect(Array.from(toFloat16Bits(values))).toEqual(half);
    expect(Array.from(toFloat16Bits(new Float32Array(values)))).toEqual(half);
    const bf = values.map(float32ToBfloat16Bits);
    expect(Array.from(toBfloat16Bits(values))).toEqual(bf);
    expect(Array.from(toBfloat16Bits(new Float32Array(values)))).toEqual(bf);
  });

  it('read a Float32Array view at an offset', () => {
    const base = new Float32Array([9, 1, -2, 9]);
    expect(Array.from(toFloat16Bits(base.subarray(1, 3)))).toEqual([0x3c00, 0xc000]);
  });

  it('widen back to the scalar results', () => {
    const bits = Uint16Array.from({ length: 0x10000 }, (_, i) => i);
    const half = fromFloat16Bits(bits);
    const bf = fromBfloat16Bits(bits);
    expect(half).toBeInstanceOf(Float32Array);
    expect(bf).toBeInstanceOf(Float32Array);
    const failures: number[] = [];
    for (let h = 0; h < 0x10000; h++) {
      if (!Object.is(half[h], float16BitsToFloat32(h)) || !Object.is(bf[h], bfloat16BitsToFloat32(h))) {
        failures.push(h);
      }
    }
    expect(failures).toEqual([]);
  });

  it('handle empty input', () => {
    expect(toFloat16Bits([]).length).toBe(0);
    expect(fromFloat16Bits(new Uint16Array(0)).length).toBe(0);
  });
});
