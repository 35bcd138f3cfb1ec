// AssemblyScript source of the float32 transpose (built by `pnpm build`; see scripts/build-wasm.mjs).

/** Side of the square of the matrix moved at a time: 32×32 floats read and written (8 KiB) stay in L1. */
const BLOCK = 32;

/**
 * dst[j·ldd + i] = src[i·lds + j] for i < rows, j < cols: a row-major [rows, cols] matrix (rows
 * `lds` floats apart) into its transpose (rows `ldd` floats apart). Moves 4×4 squares through
 * registers, one f32x4 load per source row and one store per destination row, in BLOCK×BLOCK
 * blocks so the strided side of the copy stays in cache; ragged edges go one float at a time.
 */
export function transposeF32(src: usize, lds: i32, rows: i32, cols: i32, dst: usize, ldd: i32): void {
  for (let i0 = 0; i0 < rows; i0 += BLOCK) {
    const i1 = min(rows, i0 + BLOCK);
    for (let j0 = 0; j0 < cols; j0 += BLOCK) {
      const j1 = min(cols, j0 + BLOCK);
      let i = i0;
      for (; i + 4 <= i1; i += 4) {
        let j = j0;
        for (; j + 4 <= j1; j += 4) square(src + (<usize>i * <usize>lds + <usize>j) * 4, lds, dst + (<usize>j * <usize>ldd + <usize>i) * 4, ldd);
        for (; j < j1; j++) {
          for (let r = i; r < i + 4; r++) store<f32>(dst + (<usize>j * <usize>ldd + <usize>r) * 4, load<f32>(src + (<usize>r * <usize>lds + <usize>j) * 4));
        }
      }
      for (; i < i1; i++) {
        for (let j = j0; j < j1; j++) store<f32>(dst + (<usize>j * <usize>ldd + <usize>i) * 4, load<f32>(src + (<usize>i * <usize>lds + <usize>j) * 4));
      }
    }
  }
}

/** One 4×4 square: rows a..d of the source become columns of the destination. */
// @ts-ignore: decorator
@inline function square(s: usize, lds: i32, d: usize, ldd: i32): void {
  const ls = <usize>lds * 4;
  const ld = <usize>ldd * 4;
  const a = v128.load(s);
  const b = v128.load(s + ls);
  const c = v128.load(s + 2 * ls);
  const e = v128.load(s + 3 * ls);
  // Interleave pairs of rows, then pairs of pairs: [a0 b0 a1 b1], [c0 e0 c1 e1] → [a0 b0 c0 e0] …
  const ab01 = v128.shuffle<f32>(a, b, 0, 4, 1, 5);
  const ab23 = v128.shuffle<f32>(a, b, 2, 6, 3, 7);
  const ce01 = v128.shuffle<f32>(c, e, 0, 4, 1, 5);
  const ce23 = v128.shuffle<f32>(c, e, 2, 6, 3, 7);
  v128.store(d, v128.shuffle<f32>(ab01, ce01, 0, 1, 4, 5));
  v128.store(d + ld, v128.shuffle<f32>(ab01, ce01, 2, 3, 6, 7));
  v128.store(d + 2 * ld, v128.shuffle<f32>(ab23, ce23, 0, 1, 4, 5));
  v128.store(d + 3 * ld, v128.shuffle<f32>(ab23, ce23, 2, 3, 6, 7));
}
