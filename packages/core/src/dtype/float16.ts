/**
 * Conversions between float32 values and the 16-bit float formats tensors store:
 * IEEE-754 binary16 ("half", torch.float16) and bfloat16 (torch.bfloat16).
 *
 * Everything is plain bit manipulation on one shared scratch word, so the scalar conversions
 * need no lookup tables and allocate nothing.
 *
 * Inputs are JS numbers (doubles) but tensors hold float32, so every conversion to 16 bits
 * first rounds the value to float32 (as `Math.fround` does) and then rounds that float32 to
 * 16 bits. This double rounding f64 → f32 → f16 can differ from rounding the double directly
 * in rare tie cases (e.g. 1 + 2^-11 + 2^-40 becomes 1, not 1 + 2^-10), and it is exactly what
 * torch does for `float32_tensor.half()`, which is the result we must reproduce.
 *
 * Bit-pattern inputs are read through their low 16 bits only.
 */

// One scratch word seen both as a float and as its bits. JS is single-threaded per realm, and
// no function below calls out while holding a value in it, so sharing it is safe.
const scratchF32 = new Float32Array(1);
const scratchU32 = new Uint32Array(scratchF32.buffer);

/** Rounds float32 bits to binary16 bits, round-to-nearest-even. */
function halfBitsFromFloat32Bits(bits: number): number {
  const sign = (bits >>> 16) & 0x8000;
  const exp = (bits >>> 23) & 0xff;
  const mant = bits & 0x7fffff;

  if (exp === 0xff) {
    // Inf stays Inf; every NaN becomes the quiet NaN, since a truncated payload could be zero
    // and so turn a NaN into Inf.
    return sign | (mant === 0 ? 0x7c00 : 0x7e00);
  }
  // float32 exponent 142 is half's largest (2^15); anything above is out of range.
  if (exp > 142) return sign | 0x7c00;

  if (exp >= 113) {
    // Normal half: rebias the exponent (127 → 15) and keep the top 10 mantissa bits.
    let h = ((exp - 112) << 10) | (mant >>> 13);
    const rest = mant & 0x1fff;
    // Round up past the half-way point, or at it when that makes the result even. A carry
    // out of the mantissa bumps the exponent, which is exactly right, up to 0x7c00 = Inf.
    if (rest > 0x1000 || (rest === 0x1000 && (h & 1) === 1)) h += 1;
    return sign | h;
  }

  // Below 2^-25 (half the smallest subnormal) or exactly at it (a tie that goes to even 0).
  if (exp < 102) return sign;

  // Subnormal half: the value in units of 2^-24 is the 24-bit significand shifted right.
  // A carry into bit 10 yields 0x0400, the smallest normal, which is again exactly right.
  const significand = mant | 0x800000;
  const shift = 126 - exp; // 14 … 24
  let h = significand >>> shift;
  const rest = significand & ((1 << shift) - 1);
  const halfway = 1 << (shift - 1);
  if (rest > halfway || (rest === halfway && (h & 1) === 1)) h += 1;
  return sign | h;
}

/**
 * The IEEE-754 binary16 bits of `x`, after rounding `x` to float32 (see the module note):
 * round-to-nearest-even, subnormals exact, overflow to ±Inf, NaN to the quiet NaN 0x7e00
 * (with the sign of the input), and -0 keeps its sign.
 *
 * @example
 * float32ToFloat16Bits(1); // 0x3c00
 */
export function float32ToFloat16Bits(x: number): number {
  scratchF32[0] = x;
  return halfBitsFromFloat32Bits(scratchU32[0]);
}

/**
 * The exact float32 value of binary16 bits `h`.
 *
 * @example
 * float16BitsToFloat32(0x3c00); // 1
 */
export function float16BitsToFloat32(h: number): number {
  const sign = (h & 0x8000) << 16;
  const exp = (h >>> 10) & 0x1f;
  const mant = h & 0x3ff;

  if (exp === 0) {
    // Zero or subnormal: mant × 2^-24 is exact in a double (and in float32).
    const magnitude = mant * 5.960464477539063e-8;
    return sign === 0 ? magnitude : -magnitude;
  }
  // Inf/NaN keep an all-ones exponent; normals rebias 15 → 127. The mantissa widens exactly.
  const exp32 = exp === 0x1f ? 0xff : exp + 112;
  scratchU32[0] = sign | (exp32 << 23) | (mant << 13);
  return scratchF32[0];
}

/**
 * The bfloat16 bits of `x`, after rounding `x` to float32: the top half of the float32 bits,
 * rounded to nearest even. A NaN stays a NaN (quiet bit set so its payload cannot truncate
 * to the Inf pattern).
 *
 * @example
 * float32ToBfloat16Bits(1); // 0x3f80
 */
export function float32ToBfloat16Bits(x: number): number {
  scratchF32[0] = x;
  const bits = scratchU32[0];
  if ((bits & 0x7fffffff) > 0x7f800000) return (bits >>> 16) | 0x0040;
  // Adding 0x7fff rounds up exactly when the low half is above 0x8000; the extra 1 when the
  // kept part is odd turns the exact tie into round-to-even. Carries into the exponent are
  // correct, up to Inf. `bits` is a double here, so the sum cannot wrap.
  return ((bits + 0x7fff + ((bits >>> 16) & 1)) >>> 16) & 0xffff;
}

/**
 * The exact float32 value of bfloat16 bits `h` (bfloat16 is the top half of a float32).
 *
 * @example
 * bfloat16BitsToFloat32(0x3f80); // 1
 */
export function bfloat16BitsToFloat32(h: number): number {
  scratchU32[0] = (h & 0xffff) << 16;
  return scratchF32[0];
}

/**
 * `x` rounded to the nearest float16 value, returned as a number.
 *
 * @example
 * roundToFloat16(0.1); // 0.0999755859375
 */
export function roundToFloat16(x: number): number {
  return float16BitsToFloat32(float32ToFloat16Bits(x));
}

/** Bits of the float32 elements of `src`, read without a scalar round trip when possible. */
function float32BitsOf(src: ArrayLike<number>): ArrayLike<number> {
  // A Float32Array is always 4-byte aligned, so its bits can be viewed in place.
  if (src instanceof Float32Array) return new Uint32Array(src.buffer, src.byteOffset, src.length);
  return new Uint32Array(Float32Array.from(src).buffer);
}

/**
 * The binary16 bits of every element of `src` (each rounded to float32 first).
 *
 * @example
 * toFloat16Bits([1, -2]); // Uint16Array [0x3c00, 0xc000]
 */
export function toFloat16Bits(src: ArrayLike<number>): Uint16Array {
  const bits = float32BitsOf(src);
  const out = new Uint16Array(bits.length);
  for (let i = 0; i < bits.length; i++) out[i] = halfBitsFromFloat32Bits(bits[i]);
  return out;
}

/**
 * The exact float32 values of binary16 bits `src`.
 *
 * @example
 * fromFloat16Bits(new Uint16Array([0x3c00, 0xc000])); // Float32Array [1, -2]
 */
export function fromFloat16Bits(src: Uint16Array): Float32Array {
  const out = new Float32Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = float16BitsToFloat32(src[i]);
  return out;
}

/**
 * The bfloat16 bits of every element of `src` (each rounded to float32 first).
 *
 * @example
 * toBfloat16Bits([1, -2]); // Uint16Array [0x3f80, 0xc000]
 */
export function toBfloat16Bits(src: ArrayLike<number>): Uint16Array {
  const out = new Uint16Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = float32ToBfloat16Bits(src[i]);
  return out;
}

/**
 * The exact float32 values of bfloat16 bits `src`.
 *
 * @example
 * fromBfloat16Bits(new Uint16Array([0x3f80, 0xc000])); // Float32Array [1, -2]
 */
export function fromBfloat16Bits(src: Uint16Array): Float32Array {
  const out = new Float32Array(src.length);
  // Widening is a 16-bit shift, so write the bits directly instead of going through numbers.
  const outBits = new Uint32Array(out.buffer);
  for (let i = 0; i < src.length; i++) outBits[i] = src[i] << 16;
  return out;
}
