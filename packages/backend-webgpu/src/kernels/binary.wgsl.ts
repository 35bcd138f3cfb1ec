import type { BinaryOp } from '@weightnorm/core';

/** Each binary op as a WGSL expression of `a` and `b`: f32 for float dtypes, i32 for int32 (wrapping). */
export const binaryWgsl: { readonly [Op in BinaryOp]: { readonly float: string; readonly int?: string } } = {
  Add: { float: 'a + b', int: 'a + b' },
  Sub: { float: 'a - b', int: 'a - b' },
  Mul: { float: 'a * b', int: 'a * b' },
  Div: { float: 'a / b' },
  Pow: { float: 'wn_pow(a, b)' },
  Maximum: { float: 'wn_max(a, b)', int: 'max(a, b)' },
  Minimum: { float: 'wn_min(a, b)', int: 'min(a, b)' },
  // Comparisons write 1 or 0 in the input dtype; any comparison with NaN is false.
  Greater: { float: 'select(0.0, 1.0, a > b)', int: 'select(0, 1, a > b)' },
  Less: { float: 'select(0.0, 1.0, a < b)', int: 'select(0, 1, a < b)' },
  Equal: { float: 'select(0.0, 1.0, a == b)', int: 'select(0, 1, a == b)' },
};
