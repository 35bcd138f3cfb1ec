import type { DType } from '../dtype/dtype.js';

/**
 * A result passes where |got − expected| ≤ atol + rtol·|expected|, with atol = atolScale·max|expected|
 * over the finite expected values (so cancellation in a sum is judged against the sum's scale).
 *
 * @example
 * const { rtol, atolScale }: Tolerance = toleranceFor('float32');
 */
export interface Tolerance {
  readonly rtol: number;
  readonly atolScale: number;
}

/**
 * Every conformance tolerance, in one place.
 *
 * The expected value is the float64 reference rounded once to the output dtype, i.e. what a
 * correctly rounded kernel returns; the slack is for what kernels may legitimately do differently.
 *
 * @example
 * TOLERANCES.float16.rtol; // 2e-3
 */
export const TOLERANCES: { readonly [D in DType]: Tolerance } = {
  // float32: 1e-5 is ~80 ulp, room for transcendental approximations and float32 accumulation
  // order; atol 1e-6·max|ref| covers the absolute error a long float32 dot product picks up when its
  // result cancels to near zero.
  float32: { rtol: 1e-5, atolScale: 1e-6 },
  // float16: one half-ulp of output rounding (2^-11 ≈ 4.9e-4) landing on the other side of the
  // reference's rounding, plus float32 accumulation, stays well inside 2e-3. atol allows two
  // half-ulps (2^-10) of the largest output, for ops built from several float16 steps whose
  // intermediate (a conv's product before its bias) is rounded before it cancels.
  float16: { rtol: 2e-3, atolScale: 2 ** -10 },
  // int32 arithmetic is exact.
  int32: { rtol: 0, atolScale: 0 },
};

/**
 * The conformance tolerance for an output dtype (see `TOLERANCES`).
 *
 * @example
 * toleranceFor('float16').rtol; // 2e-3
 */
export function toleranceFor(dtype: DType): Tolerance {
  return TOLERANCES[dtype];
}
