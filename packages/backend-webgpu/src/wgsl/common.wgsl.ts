/**
 * Helpers every generated shader gets. GPUs may flush, reorder or fold NaN tests in their own
 * min/max/comparison builtins, so NaN is tested on the bits, and rounding to float16 is done on
 * the bits too (round to nearest even, overflow to ±Inf, subnormals exact), so a float16 result
 * is the same on every adapter whether it stores real f16 or emulates it in f32.
 */
export const commonWgsl = /* wgsl */ `
fn is_nan(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) > 0x7f800000u; }
fn is_inf(x: f32) -> bool { return (bitcast<u32>(x) & 0x7fffffffu) == 0x7f800000u; }
// WGSL rejects NaN and Inf in constant expressions, so they are built at run time from a var.
fn nan_f32() -> f32 { var bits = 0x7fc00000u; return bitcast<f32>(bits); }
fn inf_f32() -> f32 { var bits = 0x7f800000u; return bitcast<f32>(bits); }
fn round_f16(x: f32) -> f32 {
  let b = bitcast<u32>(x);
  let sign = b & 0x80000000u;
  let a = b & 0x7fffffffu;
  if (a >= 0x7f800000u) { return x; }
  if (a >= 0x477ff000u) { return bitcast<f32>(sign | 0x7f800000u); }
  if (a >= 0x38800000u) {
    let r = (a + 0xfffu + ((a >> 13u) & 1u)) & 0xffffe000u;
    return bitcast<f32>(sign | r);
  }
  let q = round(bitcast<f32>(a) * 16777216.0);
  return bitcast<f32>(sign | bitcast<u32>(q * 5.9604644775390625e-8));
}
`;
