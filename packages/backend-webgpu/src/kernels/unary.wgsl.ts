import type { UnaryOp } from '@weightnorm/core';

/** Each unary op as a WGSL expression of `x` (f32), and of `x` (i32) for the ops int32 keeps. */
export const unaryWgsl: { readonly [Op in UnaryOp]: { readonly float: string; readonly int?: string } } = {
  Neg: { float: '-x', int: '-x' },
  Abs: { float: 'abs(x)', int: 'abs(x)' },
  // torch computes sign as (0 < x) - (x < 0): NaN gives 0.
  Sign: { float: 'select(0.0, 1.0, x > 0.0) - select(0.0, 1.0, x < 0.0)', int: 'select(0, 1, x > 0) - select(0, 1, x < 0)' },
  Sqrt: { float: 'select(sqrt(x), nan_f32(), x < 0.0)' },
  // NaN in, NaN out: some adapters' exp/log return Inf or a finite value for a NaN input.
  Exp: { float: 'select(exp(x), x, is_nan(x))' },
  Log: { float: 'select(select(log(x), -inf_f32(), x == 0.0), nan_f32(), x < 0.0 || is_nan(x))' },
  // Our own range reduction and polynomials: SwiftShader's sin/cos are ~2e-4 off.
  Sin: { float: 'wn_sin(x)' },
  Cos: { float: 'wn_cos(x)' },
  Tanh: { float: 'select(tanh(x), sign(x), abs(x) > 20.0)' },
  Sigmoid: { float: 'wn_sigmoid(x)' },
  Erf: { float: 'wn_erf(x)' },
};
