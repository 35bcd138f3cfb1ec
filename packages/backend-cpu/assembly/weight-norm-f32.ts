// AssemblyScript source of the fused weight-norm forward over contiguous rows (built with the GEMM
// into one module by scripts/build-wasm.mjs, so one memory and one worker pool serve both).

/**
 * w[r, :] = v[r, :] · f32(g[r] / √(Σ v[r, :]² + eps)) for `rows` contiguous rows of `cols` floats:
 * the norm along dim 0 of a row-major tensor. Each row is streamed twice, norm then scale, and
 * the second pass hits cache whenever a row fits in it. Sums are float64, as the TypeScript kernel
 * keeps them, and the scale is rounded to float32 once before the multiply, so each w element is
 * one correctly rounded float32 product, exactly what torch's CPU kernel computes.
 */
export function weightNormRows(v: usize, g: usize, w: usize, rows: i32, cols: i32, eps: f64): void {
  const rowBytes = <usize>cols * 4;
  for (let r = 0; r < rows; r++) {
    const scale = <f32>(<f64>load<f32>(g + <usize>r * 4) / Math.sqrt(sumSquares(v, cols) + eps));
    scaleRow(v, w, cols, scale);
    v += rowBytes;
    w += rowBytes;
  }
}

/** Σ x[i]² over n floats in float64: four f64x2 accumulators so the adds pipeline. */
function sumSquares(x: usize, n: i32): f64 {
  let s0 = f64x2.splat(0), s1 = f64x2.splat(0), s2 = f64x2.splat(0), s3 = f64x2.splat(0);
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    // Two floats per 8-byte load into the low lanes, so no shuffle brings the high half down
    // (x64 runs both the shuffle and the widening on one port: this measured ~1.2× faster).
    const p = x + <usize>i * 4;
    const a0 = f64x2.promote_low_f32x4(v128.load64_zero(p));
    const a1 = f64x2.promote_low_f32x4(v128.load64_zero(p, 8));
    const b0 = f64x2.promote_low_f32x4(v128.load64_zero(p, 16));
    const b1 = f64x2.promote_low_f32x4(v128.load64_zero(p, 24));
    s0 = f64x2.add(s0, f64x2.mul(a0, a0));
    s1 = f64x2.add(s1, f64x2.mul(a1, a1));
    s2 = f64x2.add(s2, f64x2.mul(b0, b0));
    s3 = f64x2.add(s3, f64x2.mul(b1, b1));
  }
  const s = f64x2.add(f64x2.add(s0, s1), f64x2.add(s2, s3));
  let total = f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
  for (; i < n; i++) {
    const e = <f64>load<f32>(x + <usize>i * 4);
    total += e * e;
  }
  return total;
}

/** y[i] = x[i] · scale over n floats (float32 products, each rounded once). */
function scaleRow(x: usize, y: usize, n: i32, scale: f32): void {
  const s = f32x4.splat(scale);
  let i = 0;
  for (; i + 8 <= n; i += 8) {
    const off = <usize>i * 4;
    v128.store(y + off, f32x4.mul(v128.load(x + off), s));
    v128.store(y + off, f32x4.mul(v128.load(x + off, 16), s), 16);
  }
  for (; i < n; i++) store<f32>(y + <usize>i * 4, load<f32>(x + <usize>i * 4) * scale);
}

/**
 * grad_g[r] = Σ gw[r, :]·v[r, :] / √(Σ v[r, :]² + eps), both sums in float64 and one rounding, for
 * `rows` contiguous rows of `cols` floats: one pass over v and gw.
 */
export function weightNormGradGRows(v: usize, gw: usize, gg: usize, rows: i32, cols: i32, eps: f64): void {
  const rowBytes = <usize>cols * 4;
  for (let r = 0; r < rows; r++) {
    const sq = sumSquares(v, cols) + eps;
    store<f32>(gg + <usize>r * 4, <f32>(dot(gw, v, cols) / Math.sqrt(sq)));
    v += rowBytes;
    gw += rowBytes;
  }
}

/**
 * grad_v[r, :] = a·gw[r, :] − b·v[r, :] with a = g/‖v‖ and b = g·gg/‖v‖² (‖v‖² = Σv² + eps), formed
 * and applied in float64 and rounded once per element, as the TypeScript kernel does: a norm pass
 * over the row, then one pass reading v and gw and writing grad_v.
 */
export function weightNormGradVRows(v: usize, g: usize, gw: usize, gg: usize, out: usize, rows: i32, cols: i32, eps: f64): void {
  const rowBytes = <usize>cols * 4;
  for (let r = 0; r < rows; r++) {
    const sq = sumSquares(v, cols) + eps;
    const gr = <f64>load<f32>(g + <usize>r * 4);
    const a = gr / Math.sqrt(sq);
    const b = (gr * <f64>load<f32>(gg + <usize>r * 4)) / sq;
    combineRow(gw, v, out, cols, a, b);
    v += rowBytes;
    gw += rowBytes;
    out += rowBytes;
  }
}

/** Σ x[i]·y[i] over n floats in float64. */
function dot(x: usize, y: usize, n: i32): f64 {
  let s0 = f64x2.splat(0), s1 = f64x2.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const off = <usize>i * 4;
    s0 = f64x2.add(s0, f64x2.mul(f64x2.promote_low_f32x4(v128.load64_zero(x + off)), f64x2.promote_low_f32x4(v128.load64_zero(y + off))));
    s1 = f64x2.add(s1, f64x2.mul(f64x2.promote_low_f32x4(v128.load64_zero(x + off, 8)), f64x2.promote_low_f32x4(v128.load64_zero(y + off, 8))));
  }
  const s = f64x2.add(s0, s1);
  let total = f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
  for (; i < n; i++) total += <f64>load<f32>(x + <usize>i * 4) * <f64>load<f32>(y + <usize>i * 4);
  return total;
}

/** out[i] = f32(a·x[i] − b·y[i]) over n floats, in float64. */
function combineRow(x: usize, y: usize, out: usize, n: i32, a: f64, b: f64): void {
  const va = f64x2.splat(a);
  const vb = f64x2.splat(b);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const off = <usize>i * 4;
    const lo = f64x2.sub(
      f64x2.mul(va, f64x2.promote_low_f32x4(v128.load64_zero(x + off))),
      f64x2.mul(vb, f64x2.promote_low_f32x4(v128.load64_zero(y + off))),
    );
    const hi = f64x2.sub(
      f64x2.mul(va, f64x2.promote_low_f32x4(v128.load64_zero(x + off, 8))),
      f64x2.mul(vb, f64x2.promote_low_f32x4(v128.load64_zero(y + off, 8))),
    );
    const l = f32x4.demote_f64x2_zero(lo);
    const h = f32x4.demote_f64x2_zero(hi);
    v128.store(out + off, v128.shuffle<f32>(l, h, 0, 1, 4, 5));
  }
  for (; i < n; i++) {
    store<f32>(out + <usize>i * 4, <f32>(a * <f64>load<f32>(x + <usize>i * 4) - b * <f64>load<f32>(y + <usize>i * 4)));
  }
}
