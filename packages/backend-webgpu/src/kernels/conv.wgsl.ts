import type { DType } from '@weightnorm/core';
import { computeType, loadAs, storeAs, type WgslTypes } from '../wgsl/scalar.js';
import { shaderHeader } from '../wgsl/shader-header.js';
import { fixedSizesWgsl, gemmWgsl, type GemmTile } from './gemm.wgsl.js';

import { convBindings, convMetaWgsl, xRead } from './conv-common.wgsl.js';

/** The write: bias (if any) then one rounding to the output dtype. */
function convWriteWgsl(t: WgslTypes, dtype: DType, hasBias: boolean): string {
  const acc = computeType(dtype);
  const bias = hasBias ? ` + ${loadAs(t, dtype, 'bias[o]')}` : '';
  return `
fn write_c(z: i32, m: i32, p: i32, v: ${acc}) {
  let n = z / g_groups();
  let o = (z % g_groups()) * (g_o() / g_groups()) + m;
  out[(n * g_o() + o) * params[2] + p] = ${storeAs(t, dtype, `v${bias}`)};
}`;
}

/**
 * Conv as implicit GEMM per (batch, group): A = the group's weights [Og, Cg·kvol] (rows are
 * contiguous in torch's layout), B = the im2col matrix [Cg·kvol, positions], gathered tile by tile
 * straight from x into workgroup memory (zero where the window hangs over the padding).
 */
export function convWgsl(t: WgslTypes, dtype: DType, hasBias: boolean, tile: GemmTile): string {
  const acc = computeType(dtype);
  const body = `${convMetaWgsl}${fixedSizesWgsl}
fn load_a(z: i32, m: i32, k: i32) -> ${acc} {
  let g = z % g_groups();
  return ${loadAs(t, dtype, 'w[(g * (g_o() / g_groups()) + m) * params[3] + k]')};
}
fn load_b(z: i32, k: i32, p: i32) -> ${acc} {
  let n = z / g_groups();
  let ch = (z % g_groups()) * g_cg() + k / kvol();
  let tap = tap_coords(k % kvol());
  let q = out_coords(p);
  let i = q * vec3i(g_stride(0), g_stride(1), g_stride(2)) - vec3i(g_pad(0), g_pad(1), g_pad(2))
        + tap * vec3i(g_dil(0), g_dil(1), g_dil(2));
  if (any(i < vec3i(0)) || any(i >= vec3i(g_in(0), g_in(1), g_in(2)))) { return ${acc}(0); }
  return ${xRead(t, dtype)};
}
${convWriteWgsl(t, dtype, hasBias)}
`;
  return gemmWgsl(shaderHeader(convBindings(t, dtype, hasBias)), acc, body, tile);
}
