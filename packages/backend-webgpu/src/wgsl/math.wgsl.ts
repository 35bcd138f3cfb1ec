/**
 * Float helpers for elementwise shaders, written so that the IEEE special values come out as torch
 * (C) gives them instead of as the WGSL builtins leave them: pow follows C's pow, sigmoid never forms
 * e^|x|, max/min propagate NaN, and erf (which WGSL lacks) uses the same series / continued
 * fraction split as the CPU backend, in f32.
 */
export const mathWgsl = /* wgsl */ `
// sin and cos to ~1 ulp for |x| up to ~1e4: x = j·π/2 + r with π/2 split in three parts (the
// first two exact in a product with j), then degree-7 / degree-8 minimax polynomials on |r| ≤ π/4.
fn wn_sin_poly(r: f32) -> f32 {
  let z = r * r;
  return r + r * z * (-1.6666654611e-1 + z * (8.3321608736e-3 + z * -1.9515295891e-4));
}
fn wn_cos_poly(r: f32) -> f32 {
  let z = r * r;
  return 1.0 - 0.5 * z + z * z * (4.166664568298827e-2 + z * (-1.388731625493765e-3 + z * 2.443315711809948e-5));
}
fn wn_quadrant(x: f32) -> vec2f {
  let j = round(x * 0.6366197723675814);
  var r = x - j * 1.5703125;
  r = r - j * 4.837512969970703125e-4;
  r = r - j * 7.549789948768648e-8;
  return vec2f(j, r);
}
fn wn_sin(x: f32) -> f32 {
  if (is_nan(x) || is_inf(x)) { return nan_f32(); }
  let jr = wn_quadrant(x);
  let q = i32(jr.x) & 3;
  let s = wn_sin_poly(jr.y);
  let c = wn_cos_poly(jr.y);
  return select(select(select(-c, -s, q == 2), c, q == 1), s, q == 0);
}
fn wn_cos(x: f32) -> f32 {
  if (is_nan(x) || is_inf(x)) { return nan_f32(); }
  let jr = wn_quadrant(x);
  let q = i32(jr.x) & 3;
  let s = wn_sin_poly(jr.y);
  let c = wn_cos_poly(jr.y);
  return select(select(select(s, -c, q == 2), -s, q == 1), c, q == 0);
}
fn wn_sigmoid(x: f32) -> f32 {
  if (x >= 0.0) { return 1.0 / (1.0 + exp(-x)); }
  let e = exp(x);
  return e / (1.0 + e);
}
fn wn_max(a: f32, b: f32) -> f32 {
  if (is_nan(a) || is_nan(b)) { return nan_f32(); }
  return select(b, a, a > b);
}
fn wn_min(a: f32, b: f32) -> f32 {
  if (is_nan(a) || is_nan(b)) { return nan_f32(); }
  return select(b, a, a < b);
}
fn wn_erf(x: f32) -> f32 {
  if (is_nan(x)) { return x; }
  let a = abs(x);
  if (a >= 4.0) { return select(1.0, -1.0, x < 0.0); }
  if (a < 2.5) {
    // 2/sqrt(pi) e^(-x^2) sum 2^n x^(2n+1) / (1*3*...*(2n+1)): all terms share x's sign, nothing cancels.
    let x2 = x * x;
    var term = x;
    var sum = x;
    for (var n = 1; n < 80; n++) {
      term = term * (2.0 * x2) / f32(2 * n + 1);
      sum = sum + term;
      if (abs(term) <= abs(sum) * 1e-8) { break; }
    }
    return 1.1283791670955126 * exp(-x2) * sum;
  }
  // erfc(a) = e^(-a^2)/sqrt(pi) / (a + (1/2)/(a + (2/2)/(a + ...))), evaluated bottom-up.
  var f = a;
  for (var n = 60; n >= 1; n--) { f = a + f32(n) * 0.5 / f; }
  let erfc = exp(-a * a) * 0.5641895835477563 / f;
  return select(1.0 - erfc, erfc - 1.0, x < 0.0);
}
fn wn_is_int(y: f32) -> bool { return !is_inf(y) && floor(y) == y; }
fn wn_is_odd_int(y: f32) -> bool {
  return wn_is_int(y) && abs(y) < 16777216.0 && (i32(abs(y)) & 1) == 1;
}
// C's pow: x^0 = 1 and 1^y = 1 even for NaN; a negative base needs an integral exponent.
fn wn_pow(x: f32, y: f32) -> f32 {
  if (y == 0.0 || x == 1.0) { return 1.0; }
  if (is_nan(x) || is_nan(y)) { return nan_f32(); }
  let ax = abs(x);
  if (is_inf(y)) {
    if (ax == 1.0) { return 1.0; }
    if ((ax < 1.0) == (y > 0.0)) { return 0.0; }
    return inf_f32();
  }
  let odd = wn_is_odd_int(y);
  let neg = x < 0.0 || (x == 0.0 && (bitcast<u32>(x) & 0x80000000u) != 0u) || (is_inf(x) && x < 0.0);
  if (x < 0.0 && !wn_is_int(y)) { return nan_f32(); }
  var r: f32;
  if (ax == 0.0) {
    r = select(0.0, inf_f32(), y < 0.0);
  } else if (is_inf(ax)) {
    r = select(inf_f32(), 0.0, y < 0.0);
  } else if (y == 2.0) {
    r = ax * ax;
  } else {
    r = exp2(y * log2(ax));
  }
  return select(r, -r, neg && odd);
}
`;
