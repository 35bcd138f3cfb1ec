import type { DType } from '@weightnorm/core';
import { computeType, loadAs, storeAs, type WgslTypes } from '../wgsl/scalar.js';
import { shaderHeader } from '../wgsl/shader-header.js';
import { convBindings, convMetaWgsl, xRead } from './conv-common.wgsl.js';
import { gemmWgsl, type GemmTile } from './gemm.wgsl.js';

/**
 * ConvTranspose as one implicit GEMM per (batch, group, output phase) — see
 * conv-transpose-phases.ts. z = (n·G + g)·R + phase (R = product of the strides); the phase's
 * columns are its output positions, its K the group's input channels × the taps that reach it.
 * A[m, (c, tap)] = w[g·Cg + c, m, tap] (torch's [Cin, O/groups, k…] layout); B gathers
 * x[(o + pad − tap·dilation) / stride], exact by construction, 0 outside x. No scatter, no atomics.
 * params after the conv geometry: [26 + a] = offset of axis a's phase table of [k0, taps, outputs, step].
 */
export function convTransposeWgsl(t: WgslTypes, dtype: DType, hasBias: boolean, tile: GemmTile): string {
  const acc = computeType(dtype);
  const bias = hasBias ? ` + ${loadAs(t, dtype, 'bias[o]')}` : '';
  const body = `${convMetaWgsl}
fn tab(a: i32, r: i32) -> i32 { return params[26 + a] + 4 * r; }
fn phases() -> i32 { return g_stride(0) * g_stride(1) * g_stride(2); }
fn phase_of(z: i32) -> vec3i {
  let q = z % phases();
  return vec3i(q / (g_stride(1) * g_stride(2)), (q / g_stride(2)) % g_stride(1), q % g_stride(2));
}
fn phase_taps(r: vec3i) -> vec3i { return vec3i(params[tab(0, r.x) + 1], params[tab(1, r.y) + 1], params[tab(2, r.z) + 1]); }
fn phase_outputs(r: vec3i) -> vec3i { return vec3i(params[tab(0, r.x) + 2], params[tab(1, r.y) + 2], params[tab(2, r.z) + 2]); }
fn gemm_n(z: i32) -> i32 { let c = phase_outputs(phase_of(z)); return c.x * c.y * c.z; }
fn gemm_k(z: i32) -> i32 { let n = phase_taps(phase_of(z)); return g_cg() * n.x * n.y * n.z; }
// Tap j of the phase's progression along each axis, for the flattened tap index kr.
fn phase_tap(r: vec3i, kr: i32) -> vec3i {
  let n = phase_taps(r);
  let j = vec3i(kr / (n.y * n.z), (kr / n.z) % n.y, kr % n.z);
  let k0 = vec3i(params[tab(0, r.x)], params[tab(1, r.y)], params[tab(2, r.z)]);
  let step = vec3i(params[tab(0, r.x) + 3], params[tab(1, r.y) + 3], params[tab(2, r.z) + 3]);
  return k0 + j * step;
}
// Output coordinates of the phase's column p.
fn phase_pos(r: vec3i, p: i32) -> vec3i {
  let c = phase_outputs(r);
  let q = vec3i(p / (c.y * c.z), (p / c.z) % c.y, p % c.z);
  return q * vec3i(g_stride(0), g_stride(1), g_stride(2)) + r;
}
fn load_a(z: i32, m: i32, k: i32) -> ${acc} {
  let r = phase_of(z);
  let g = (z / phases()) % g_groups();
  let n = phase_taps(r);
  let per = n.x * n.y * n.z;
  let tap = phase_tap(r, k % per);
  let og = g_o() / g_groups();
  return ${loadAs(t, dtype, 'w[((g * g_cg() + k / per) * og + m) * kvol() + (tap.x * g_k(1) + tap.y) * g_k(2) + tap.z]')};
}
fn load_b(z: i32, k: i32, p: i32) -> ${acc} {
  let r = phase_of(z);
  let ng = z / phases();
  let n = ng / g_groups();
  let per = phase_taps(r);
  let count = per.x * per.y * per.z;
  let ch = (ng % g_groups()) * g_cg() + k / count;
  let tap = phase_tap(r, k % count);
  let num = phase_pos(r, p) + vec3i(g_pad(0), g_pad(1), g_pad(2)) - tap * vec3i(g_dil(0), g_dil(1), g_dil(2));
  if (any(num < vec3i(0))) { return ${acc}(0); }
  let i = num / vec3i(g_stride(0), g_stride(1), g_stride(2));
  if (any(i >= vec3i(g_in(0), g_in(1), g_in(2)))) { return ${acc}(0); }
  return ${xRead(t, dtype)};
}
fn write_c(z: i32, m: i32, p: i32, v: ${acc}) {
  let ng = z / phases();
  let n = ng / g_groups();
  let o = (ng % g_groups()) * (g_o() / g_groups()) + m;
  let q = phase_pos(phase_of(z), p);
  out[(((n * g_o() + o) * g_out(0) + q.x) * g_out(1) + q.y) * g_out(2) + q.z] = ${storeAs(t, dtype, `v${bias}`)};
}
`;
  return gemmWgsl(shaderHeader(convBindings(t, dtype, hasBias)), acc, body, tile);
}
