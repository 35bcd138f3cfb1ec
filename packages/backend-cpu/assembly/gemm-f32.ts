// AssemblyScript source of the WebAssembly SIMD GEMM (built by `pnpm build`; see scripts/build-wasm.mjs).
// Operands live in this module's linear memory at byte addresses the host chooses; the module keeps
// no state besides the two packing buffers the host also places (packA, packB).

/**
 * Rows of the register tile: 4 rows × 8 columns = 8 f32x4 accumulators, 11 live vectors in all.
 * 6 × 8 (15 live vectors) measured 1.2× slower on the W2/W3 convolutions: V8 keeps one of x64's 16
 * SIMD registers for itself, so the tile spills.
 */
const MR = 4;
/** Columns of the register tile: two f32x4 per row. */
const NR = 8;
/**
 * Depth per packed panel: an MR×KC sliver of A (8 KiB) and a KC×NR sliver of B (16 KiB) stay in
 * L1. 512 covers a whole 512-channel reduction (the conv taps' GEMMs), so C is read and written
 * once per call instead of once per 256-deep block.
 */
const KC = 512;
/** Rows of A per packed block: MC×KC floats = 256 KiB, held in L2 while a whole B panel streams by. */
const MC = 128;
/** Columns of B per packed panel: KC×NC floats = 1 MiB, beside the A block in a 2 MiB L2. */
const NC = 512;

/** Bytes of `work` the host must reserve: the packed A block, the packed B panel, one edge tile. */
export function workBytes(): i32 {
  return (MC * KC + KC * NC + MR * NR) * 4;
}

/** First byte the host may use: below it lie this module's static data (none today). */
export function heapBase(): usize {
  return __heap_base;
}

/**
 * C[m, n] (+)= A[m, k] · B[k, n] in float32, accumulated in float32 (as torch's CPU GEMM does).
 * A is read through element strides (aRow, aCol); B is row-major with leading dimension ldb and C
 * has rows ldc and columns cCol elements apart (cCol > 1: a strided ConvTranspose tap writing
 * every s-th output). `work` points at workBytes() of scratch. With accumulate = 0, C is
 * overwritten (zeroed when k = 0).
 */
export function gemm(
  m: i32, n: i32, k: i32,
  a: usize, aRow: i32, aCol: i32,
  b: usize, ldb: i32,
  c: usize, ldc: i32, cCol: i32,
  accumulate: i32,
  work: usize,
): void {
  const packA = work;
  const packB = work + <usize>(MC * KC * 4);
  if (k == 0) {
    if (accumulate == 0) {
      for (let i = 0; i < m; i++) {
        for (let j = 0; j < n; j++) store<f32>(c + <usize>(i * ldc + j * cCol) * 4, 0);
      }
    }
    return;
  }
  for (let j0 = 0; j0 < n; j0 += NC) {
    const nb = min(NC, n - j0);
    for (let p0 = 0; p0 < k; p0 += KC) {
      const kb = min(KC, k - p0);
      packPanelB(kb, nb, b + (<usize>p0 * <usize>ldb + <usize>j0) * 4, ldb, packB);
      // The first depth block overwrites C unless the caller accumulates onto it.
      const overwrite = p0 == 0 && accumulate == 0;
      for (let i0 = 0; i0 < m; i0 += MC) {
        const mb = min(MC, m - i0);
        packBlockA(mb, kb, a + (<usize>i0 * <usize>aRow + <usize>p0 * <usize>aCol) * 4, aRow, aCol, packA);
        for (let j = 0; j < nb; j += NR) {
          const nr = min(NR, nb - j);
          const pb = packB + <usize>(j * kb) * 4;
          for (let i = 0; i < mb; i += MR) {
            const mr = min(MR, mb - i);
            const pa = packA + <usize>(i * kb) * 4;
            const ct = c + (<usize>(i0 + i) * <usize>ldc + <usize>(j0 + j) * <usize>cCol) * 4;
            // Strided columns take the edge path: 32 scalar stores per tile against kb·22
            // vector operations in it, about 1% at kb = 256.
            if (mr == MR && nr == NR && cCol == 1) tile(kb, pa, pb, ct, ldc, overwrite);
            else edgeTile(kb, pa, pb, ct, ldc, cCol, mr, nr, overwrite, packB + <usize>(KC * NC * 4));
          }
        }
      }
    }
  }
}

/** B[kb, nb] → slivers of NR columns, each kb rows of NR floats; columns past nb are zero. */
function packPanelB(kb: i32, nb: i32, b: usize, ldb: i32, out: usize): void {
  for (let j = 0; j < nb; j += NR) {
    const nr = min(NR, nb - j);
    let src = b + <usize>j * 4;
    let dst = out + <usize>(j * kb) * 4;
    if (nr == NR) {
      for (let p = 0; p < kb; p++) {
        v128.store(dst, v128.load(src));
        v128.store(dst, v128.load(src, 16), 16);
        src += <usize>ldb * 4;
        dst += NR * 4;
      }
    } else {
      for (let p = 0; p < kb; p++) {
        for (let q = 0; q < NR; q++) store<f32>(dst + <usize>q * 4, q < nr ? load<f32>(src + <usize>q * 4) : 0);
        src += <usize>ldb * 4;
        dst += NR * 4;
      }
    }
  }
}

/** A[mb, kb] (strided) → slivers of MR rows, each kb steps of MR floats; rows past mb are zero. */
function packBlockA(mb: i32, kb: i32, a: usize, aRow: i32, aCol: i32, out: usize): void {
  for (let i = 0; i < mb; i += MR) {
    const mr = min(MR, mb - i);
    const dst = out + <usize>(i * kb) * 4;
    if (aRow == 1 && mr == MR) {
      // A transposed (ConvTranspose's weight): a sliver's MR values per step are adjacent, one
      // vector per step instead of MR strided passes over the same cache lines.
      let src = a + <usize>i * 4;
      let d = dst;
      for (let p = 0; p < kb; p++) {
        v128.store(d, v128.load(src));
        src += <usize>aCol * 4;
        d += MR * 4;
      }
      continue;
    }
    for (let r = 0; r < MR; r++) {
      let d = dst + <usize>r * 4;
      if (r < mr) {
        let src = a + <usize>((i + r) * aRow) * 4;
        for (let p = 0; p < kb; p++) {
          store<f32>(d, load<f32>(src));
          src += <usize>aCol * 4;
          d += MR * 4;
        }
      } else {
        for (let p = 0; p < kb; p++) {
          store<f32>(d, 0);
          d += MR * 4;
        }
      }
    }
  }
}

/**
 * c + a·b per lane: one fused multiply-add where the build enables relaxed SIMD (the engine may
 * fuse or round twice), a multiply then an add otherwise. Resolved at compile time.
 */
// @ts-ignore: decorator
@inline function madd(a: v128, b: v128, c: v128): v128 {
  return ASC_FEATURE_RELAXED_SIMD ? f32x4.relaxed_madd(a, b, c) : f32x4.add(c, f32x4.mul(a, b));
}

/**
 * The register tile: C[4, 8] (+)= Apanel · Bpanel over kb steps. Per step two vector loads of B
 * and four broadcast loads of A feed eight vector multiply-adds.
 */
function tile(kb: i32, pa: usize, pb: usize, c: usize, ldc: i32, overwrite: bool): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  for (let p = 0; p < kb; p++) {
    const b0 = v128.load(pb);
    const b1 = v128.load(pb, 16);
    let x = v128.load32_splat(pa);
    c00 = madd(x, b0, c00);
    c01 = madd(x, b1, c01);
    x = v128.load32_splat(pa, 4);
    c10 = madd(x, b0, c10);
    c11 = madd(x, b1, c11);
    x = v128.load32_splat(pa, 8);
    c20 = madd(x, b0, c20);
    c21 = madd(x, b1, c21);
    x = v128.load32_splat(pa, 12);
    c30 = madd(x, b0, c30);
    c31 = madd(x, b1, c31);
    pa += MR * 4;
    pb += NR * 4;
  }
  const row = <usize>ldc * 4;
  let r = c;
  if (!overwrite) {
    c00 = f32x4.add(c00, v128.load(r)); c01 = f32x4.add(c01, v128.load(r, 16)); r += row;
    c10 = f32x4.add(c10, v128.load(r)); c11 = f32x4.add(c11, v128.load(r, 16)); r += row;
    c20 = f32x4.add(c20, v128.load(r)); c21 = f32x4.add(c21, v128.load(r, 16)); r += row;
    c30 = f32x4.add(c30, v128.load(r)); c31 = f32x4.add(c31, v128.load(r, 16));
    r = c;
  }
  v128.store(r, c00); v128.store(r, c01, 16); r += row;
  v128.store(r, c10); v128.store(r, c11, 16); r += row;
  v128.store(r, c20); v128.store(r, c21, 16); r += row;
  v128.store(r, c30); v128.store(r, c31, 16);
}

/**
 * A ragged tile (mr < 4 or nr < 8) or one with strided columns: the full tile into scratch `t`,
 * then only its valid part to C, element by element.
 */
function edgeTile(kb: i32, pa: usize, pb: usize, c: usize, ldc: i32, cCol: i32, mr: i32, nr: i32, overwrite: bool, t: usize): void {
  tile(kb, pa, pb, t, NR, true);
  const step = <usize>cCol * 4;
  for (let i = 0; i < mr; i++) {
    const src = t + <usize>(i * NR) * 4;
    let dst = c + <usize>(i * ldc) * 4;
    for (let j = 0; j < nr; j++) {
      const v = load<f32>(src + <usize>j * 4);
      store<f32>(dst, overwrite ? v : load<f32>(dst) + v);
      dst += step;
    }
  }
}
