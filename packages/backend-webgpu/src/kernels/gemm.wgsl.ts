/**
 * Tile shapes of the shared GEMM: TM × TN outputs per workgroup of 256 threads, each owning a
 * 4 × 4 block, and a TK-deep slab per step. Narrow tiles serve contractions with few rows (a conv
 * with 32 or 1 output channels) without leaving most of a 64-row tile idle; TK keeps the tiles
 * within the 16 KiB of workgroup memory every adapter has.
 */
export const GEMM_TILES = [
  { tm: 64, tn: 64, tk: 16 },
  { tm: 32, tn: 128, tk: 16 },
  { tm: 16, tn: 256, tk: 8 },
] as const;
export type GemmTile = (typeof GEMM_TILES)[number];

/** The tallest tile that does not overshoot M by more than it must. */
export function pickGemmTile(m: number): GemmTile {
  return GEMM_TILES.find((t) => m > t.tm / 2) ?? GEMM_TILES[GEMM_TILES.length - 1]!;
}

/**
 * The tiled GEMM every contraction shares (MatMul, and Conv / ConvTranspose as implicit GEMM):
 * C[z][m][n] = Σ_k A(z, m, k) · B(z, k, n). Each step stages a TM×TK slab of A and a TK×TN slab
 * of B in workgroup memory, then every thread accumulates its 4×4 block from them, so each
 * global element is read once per tile instead of once per output. The caller's `body` supplies
 * `load_a`, `load_b` (reading 0 outside the operand, as im2col padding does), `write_c`, and
 * `gemm_n(z)` / `gemm_k(z)` (the sizes may depend on z, as ConvTranspose's phases do); params
 * start with [Z, M, N_max, …]. Workgroups stride over z and the n-tiles, so any size fits the
 * dispatch limits. Threads own rows ty + (TM/4)·i and columns tx + (TN/4)·j, so neighbours touch
 * neighbouring addresses.
 */
export function gemmWgsl(header: string, acc: 'f32' | 'i32', body: string, tile: GemmTile): string {
  const { tm, tn, tk } = tile;
  const zero = acc === 'f32' ? '0.0' : '0';
  const rowsPerStep = tm / 4;
  const colsPerStep = tn / 4;
  return `${header}
${body}
var<workgroup> tile_a: array<${acc}, ${tm * tk}>;
var<workgroup> tile_b: array<${acc}, ${tn * tk}>;
@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_index) lid: u32, @builtin(num_workgroups) nwg: vec3u) {
  let Z = params[0];
  let M = params[1];
  let tx = i32(lid) % ${colsPerStep};
  let ty = i32(lid) / ${colsPerStep};
  let m0 = i32(wid.y) * ${tm};
  for (var z = i32(wid.z); z < Z; z = z + i32(nwg.z)) {
    let N = gemm_n(z);
    let K = gemm_k(z);
    let tiles_n = (N + ${tn - 1}) / ${tn};
    for (var tn_i = i32(wid.x); tn_i < tiles_n; tn_i = tn_i + i32(nwg.x)) {
      let n0 = tn_i * ${tn};
      var c: array<${acc}, 16>;
      for (var q = 0; q < 16; q = q + 1) { c[q] = ${zero}; }
      for (var k0 = 0; k0 < K; k0 = k0 + ${tk}) {
        for (var idx = i32(lid); idx < ${tm * tk}; idx = idx + 256) {
          let kk = idx / ${tm};
          let mm = idx % ${tm};
          var va: ${acc} = ${zero};
          if (m0 + mm < M && k0 + kk < K) { va = load_a(z, m0 + mm, k0 + kk); }
          tile_a[idx] = va;
        }
        for (var idx = i32(lid); idx < ${tn * tk}; idx = idx + 256) {
          let kk = idx / ${tn};
          let nn = idx % ${tn};
          var vb: ${acc} = ${zero};
          if (n0 + nn < N && k0 + kk < K) { vb = load_b(z, k0 + kk, n0 + nn); }
          tile_b[idx] = vb;
        }
        workgroupBarrier();
        for (var k = 0; k < ${tk}; k = k + 1) {
          var a: array<${acc}, 4>;
          var b: array<${acc}, 4>;
          for (var i = 0; i < 4; i = i + 1) {
            a[i] = tile_a[k * ${tm} + ty + ${rowsPerStep} * i];
            b[i] = tile_b[k * ${tn} + tx + ${colsPerStep} * i];
          }
          for (var i = 0; i < 4; i = i + 1) {
            for (var j = 0; j < 4; j = j + 1) { c[i * 4 + j] = c[i * 4 + j] + a[i] * b[j]; }
          }
        }
        workgroupBarrier();
      }
      for (var i = 0; i < 4; i = i + 1) {
        for (var j = 0; j < 4; j = j + 1) {
          let m = m0 + ty + ${rowsPerStep} * i;
          let n = n0 + tx + ${colsPerStep} * j;
          if (m < M && n < N) { write_c(z, m, n, c[i * 4 + j]); }
        }
      }
    }
  }
}
`;
}

/** Sizes read from params[2] and params[3], for GEMMs whose N and K do not vary with z. */
export const fixedSizesWgsl = /* wgsl */ `
fn gemm_n(z: i32) -> i32 { return params[2]; }
fn gemm_k(z: i32) -> i32 { return params[3]; }
`;

/** Workgroups for a GEMM of Z × M × N_max: n-tiles in x, m-tiles in y, z; x and z capped (shaders grid-stride). */
export function gemmGrid(z: number, m: number, n: number, tile: GemmTile, max: number): [number, number, number] {
  const tilesM = Math.ceil(m / tile.tm);
  if (tilesM > max) throw new RangeError(`GEMM with ${m} rows exceeds ${max * tile.tm}`);
  if (z === 0 || m === 0 || n === 0) return [0, 0, 0];
  return [Math.min(Math.ceil(n / tile.tn), max), tilesM, Math.min(z, max)];
}
