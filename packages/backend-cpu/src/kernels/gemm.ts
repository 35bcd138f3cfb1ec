/** Rows of C accumulated together in float64 (64 KiB beside the B panel). */
const MC = 32;
/** Columns of B per panel: one panel row is 1 KiB of float32. */
const NC = 256;
/** Depth per panel: a KC×NC panel of B is 128 KiB (L2), reused by every row block of A. */
const KC = 128;

// One float64 accumulator tile, reused across calls: kernels run synchronously, one at a time.
const accTile = new Float64Array(MC * NC);

/** What every panel step reads; only the offsets change from one 4×4 tile or edge to the next. */
interface Operands {
  a: Float32Array;
  aRow: number;
  aCol: number;
  b: Float32Array;
  ldb: number;
  acc: Float64Array;
  /** Leading dimension of `acc`: the panel width. */
  ldc: number;
}

const EMPTY = new Float32Array(0);
// One record for the whole call, for the same reason as accTile. It lets gemmPanel, tile4x4 and
// edge share one parameter list; a 256³ gemm ran as fast as with eleven flat arguments, while a
// fresh record per call ran up to 1.8× slower on ragged sizes. gemm empties it on the way out so
// it never keeps a caller's arrays alive.
const ops: Operands = { a: EMPTY, aRow: 0, aCol: 0, b: EMPTY, ldb: 0, acc: accTile, ldc: 0 };

/**
 * C[M, N] (+)= A[M, K] · B[K, N] on float32 arrays, accumulated in float64 and rounded once.
 *
 * A is read through two strides (`aRow`, `aCol`) so a transposed operand costs nothing; B and C
 * are row-major with leading dimensions `ldb` and `ldc`. With `accumulate` the product is added to
 * C's current values (a bias, or an earlier partial result); otherwise C is overwritten. C's
 * columns are `cCol` elements apart (1 unless a caller writes every s-th output position, as a
 * strided ConvTranspose tap does).
 *
 * Blocks over N and K so a KC×NC panel of B stays in cache while MC rows of A stream past it;
 * within a panel, 4×4 tiles of the result live in registers for the whole depth.
 */
export function gemm(
  m: number,
  n: number,
  k: number,
  a: Float32Array,
  aOff: number,
  aRow: number,
  aCol: number,
  b: Float32Array,
  bOff: number,
  ldb: number,
  c: Float32Array,
  cOff: number,
  ldc: number,
  accumulate: boolean,
  cCol = 1,
): void {
  if (m === 0 || n === 0) return;
  const acc = accTile;
  ops.a = a;
  ops.aRow = aRow;
  ops.aCol = aCol;
  ops.b = b;
  ops.ldb = ldb;
  for (let n0 = 0; n0 < n; n0 += NC) {
    const nb = Math.min(NC, n - n0);
    ops.ldc = nb;
    for (let m0 = 0; m0 < m; m0 += MC) {
      const mb = Math.min(MC, m - m0);
      for (let i = 0; i < mb; i++) {
        const ci = cOff + (m0 + i) * ldc + n0 * cCol;
        const ai = i * nb;
        if (accumulate) for (let j = 0; j < nb; j++) acc[ai + j] = c[ci + j * cCol];
        else acc.fill(0, ai, ai + nb);
      }
      for (let k0 = 0; k0 < k; k0 += KC) {
        const kb = Math.min(KC, k - k0);
        gemmPanel(mb, nb, kb, aOff + m0 * aRow + k0 * aCol, bOff + k0 * ldb + n0);
      }
      for (let i = 0; i < mb; i++) {
        const ci = cOff + (m0 + i) * ldc + n0 * cCol;
        const ai = i * nb;
        for (let j = 0; j < nb; j++) c[ci + j * cCol] = acc[ai + j];
      }
    }
  }
  ops.a = EMPTY;
  ops.b = EMPTY;
}

/**
 * acc[mb, nb] += A[mb, kb] · B[kb, nb]: 4×4 register tiles where they fit, plain rows at the
 * ragged edges. Offsets index `ops.a` and `ops.b`.
 */
function gemmPanel(mb: number, nb: number, kb: number, aOff: number, bOff: number): void {
  const { aRow } = ops;
  const mFull = mb - (mb % 4);
  const nFull = nb - (nb % 4);
  for (let i = 0; i < mFull; i += 4) {
    const ai = aOff + i * aRow;
    for (let j = 0; j < nFull; j += 4) tile4x4(kb, ai, bOff + j, i * nb + j);
    if (nFull < nb) edge(4, nb - nFull, kb, ai, bOff + nFull, i * nb + nFull);
  }
  if (mFull < mb) edge(mb - mFull, nb, kb, aOff + mFull * aRow, bOff, mFull * nb);
}

/**
 * A 4×4 block of acc held in sixteen locals across the whole depth: per step, 4 loads of A and
 * 4 of B feed 16 multiply-adds. The hot loop a WASM SIMD build replaces.
 */
function tile4x4(kb: number, aOff: number, bOff: number, cOff: number): void {
  const { a, aRow, aCol, b, ldb, acc, ldc } = ops;
  const a0 = aOff;
  const a1 = a0 + aRow;
  const a2 = a1 + aRow;
  const a3 = a2 + aRow;
  const r0 = cOff;
  const r1 = r0 + ldc;
  const r2 = r1 + ldc;
  const r3 = r2 + ldc;
  let c00 = acc[r0], c01 = acc[r0 + 1], c02 = acc[r0 + 2], c03 = acc[r0 + 3];
  let c10 = acc[r1], c11 = acc[r1 + 1], c12 = acc[r1 + 2], c13 = acc[r1 + 3];
  let c20 = acc[r2], c21 = acc[r2 + 1], c22 = acc[r2 + 2], c23 = acc[r2 + 3];
  let c30 = acc[r3], c31 = acc[r3 + 1], c32 = acc[r3 + 2], c33 = acc[r3 + 3];
  for (let p = 0, ap = 0, bp = bOff; p < kb; p++, ap += aCol, bp += ldb) {
    const x0 = a[a0 + ap], x1 = a[a1 + ap], x2 = a[a2 + ap], x3 = a[a3 + ap];
    const y0 = b[bp], y1 = b[bp + 1], y2 = b[bp + 2], y3 = b[bp + 3];
    c00 += x0 * y0; c01 += x0 * y1; c02 += x0 * y2; c03 += x0 * y3;
    c10 += x1 * y0; c11 += x1 * y1; c12 += x1 * y2; c13 += x1 * y3;
    c20 += x2 * y0; c21 += x2 * y1; c22 += x2 * y2; c23 += x2 * y3;
    c30 += x3 * y0; c31 += x3 * y1; c32 += x3 * y2; c33 += x3 * y3;
  }
  acc[r0] = c00; acc[r0 + 1] = c01; acc[r0 + 2] = c02; acc[r0 + 3] = c03;
  acc[r1] = c10; acc[r1 + 1] = c11; acc[r1 + 2] = c12; acc[r1 + 3] = c13;
  acc[r2] = c20; acc[r2 + 1] = c21; acc[r2 + 2] = c22; acc[r2 + 3] = c23;
  acc[r3] = c30; acc[r3 + 1] = c31; acc[r3 + 2] = c32; acc[r3 + 3] = c33;
}

/** acc[rows, cols] += A[rows, kb] · B[kb, cols], one row at a time over contiguous columns. */
function edge(rows: number, cols: number, kb: number, aOff: number, bOff: number, cOff: number): void {
  const { a, aRow, aCol, b, ldb, acc, ldc } = ops;
  for (let i = 0; i < rows; i++) {
    const ai = aOff + i * aRow;
    const ci = cOff + i * ldc;
    for (let p = 0; p < kb; p++) {
      const x = a[ai + p * aCol];
      const bp = bOff + p * ldb;
      for (let j = 0; j < cols; j++) acc[ci + j] += x * b[bp + j];
    }
  }
}
