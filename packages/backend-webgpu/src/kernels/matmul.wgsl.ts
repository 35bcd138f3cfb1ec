import type { DType } from '@weightnorm/core';
import { computeType, elemType, loadAs, storeAs, type WgslTypes } from '../wgsl/scalar.js';
import { shaderHeader } from '../wgsl/shader-header.js';
import { fixedSizesWgsl, gemmWgsl, type GemmTile } from './gemm.wgsl.js';

/** a [Z, M, K] · b [Z, K, N] → [Z, M, N] on the shared tiled GEMM; meta = [Z, M, N, K]. */
export function matmulWgsl(t: WgslTypes, dtype: DType, tile: GemmTile): string {
  const acc = computeType(dtype);
  const type = elemType(t, dtype);
  const header = shaderHeader([['a', type, 'r'], ['b', type, 'r'], ['out', type, 'w']]);
  const body = `${fixedSizesWgsl}
fn load_a(z: i32, m: i32, k: i32) -> ${acc} { return ${loadAs(t, dtype, 'a[(z * params[1] + m) * params[3] + k]')}; }
fn load_b(z: i32, k: i32, n: i32) -> ${acc} { return ${loadAs(t, dtype, 'b[(z * params[3] + k) * params[2] + n]')}; }
fn write_c(z: i32, m: i32, n: i32, v: ${acc}) { out[(z * params[1] + m) * params[2] + n] = ${storeAs(t, dtype, 'v')}; }
`;
  return gemmWgsl(header, acc, body, tile);
}
