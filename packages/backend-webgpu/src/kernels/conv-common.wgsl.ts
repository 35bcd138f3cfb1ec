import type { DType } from '@weightnorm/core';
import { elemType, loadAs, type WgslTypes } from '../wgsl/scalar.js';

/**
 * Named reads of the conv geometry in meta (see conv-geometry.ts), shared by Conv and ConvTranspose.
 */
export const convMetaWgsl = /* wgsl */ `
fn g_c() -> i32 { return params[4]; }
fn g_in(a: i32) -> i32 { return params[5 + a]; }
fn g_o() -> i32 { return params[8]; }
fn g_out(a: i32) -> i32 { return params[9 + a]; }
fn g_k(a: i32) -> i32 { return params[12 + a]; }
fn g_stride(a: i32) -> i32 { return params[15 + a]; }
fn g_pad(a: i32) -> i32 { return params[18 + a]; }
fn g_dil(a: i32) -> i32 { return params[21 + a]; }
fn g_groups() -> i32 { return params[24]; }
fn g_cg() -> i32 { return params[25]; }
fn kvol() -> i32 { return g_k(0) * g_k(1) * g_k(2); }
// Output position p of the flattened (OD, OH, OW) grid as coordinates.
fn out_coords(p: i32) -> vec3i { return vec3i(p / (g_out(1) * g_out(2)), (p / g_out(2)) % g_out(1), p % g_out(2)); }
// Kernel tap r of the flattened (KD, KH, KW) window as coordinates.
fn tap_coords(r: i32) -> vec3i { return vec3i(r / (g_k(1) * g_k(2)), (r / g_k(2)) % g_k(1), r % g_k(2)); }
`;

/** Reads x[n, ch, i] at 3-d input coordinates already known to be inside. */
export function xRead(t: WgslTypes, dtype: DType): string {
  return loadAs(t, dtype, 'x[(((n * g_c() + ch) * g_in(0) + i.x) * g_in(1) + i.y) * g_in(2) + i.z]');
}

/** Bindings of both conv kernels: x, w, the bias when there is one, out. */
export function convBindings(t: WgslTypes, dtype: DType, hasBias: boolean) {
  const type = elemType(t, dtype);
  return [
    ['x', type, 'r'] as const,
    ['w', type, 'r'] as const,
    ...(hasBias ? [['bias', type, 'r'] as const] : []),
    ['out', type, 'w'] as const,
  ];
}
