import type { DType } from '@weightnorm/core';
import { elemType, loadAs, storeAs, type WgslTypes } from '../wgsl/scalar.js';
import { shaderHeader } from '../wgsl/shader-header.js';
import { sgArgs, WN_WORKGROUP, workgroupBuiltins, workgroupSumWgsl } from './workgroup-sum.wgsl.js';

/** Offset of element e of row j when v is viewed as [outer, A, inner] (params[0] = A, params[2] = inner). */
const at = (e: string) => `((${e} / params[2]) * params[0] + j) * params[2] + ${e} % params[2]`;

/**
 * The weight-norm backward's g half, fused: one workgroup per kept index j computes Σv² and
 * Σ gw·v over its row in f32 and writes gradG[j] = Σ gw·v / sqrt(Σv² + eps).
 * params = [A, outer, inner, eps bits] (A = 1 for the whole tensor).
 */
export function weightNormGradGWgsl(t: WgslTypes, dtype: DType, subgroups: boolean): string {
  const type = elemType(t, dtype);
  const header = shaderHeader([['v', type, 'r'], ['gw', type, 'r'], ['gg', type, 'w']], { subgroups });
  return `${header}
${workgroupSumWgsl(subgroups)}
@compute @workgroup_size(${WN_WORKGROUP})
fn main(${workgroupBuiltins(subgroups)}) {
  let A = params[0];
  let len = params[1] * params[2];
  let groups = i32(nwg.x * nwg.y);
  for (var j = i32(wid.y * nwg.x + wid.x); j < A; j = j + groups) {
    var ss = 0.0;
    var s = 0.0;
    for (var e = i32(lid); e < len; e = e + ${WN_WORKGROUP}) {
      let x = ${loadAs(t, dtype, `v[${at('e')}]`)};
      ss = ss + x * x;
      s = s + ${loadAs(t, dtype, `gw[${at('e')}]`)} * x;
    }
    let sum_sq = workgroup_sum(ss, lid, ${sgArgs(subgroups)}) + bitcast<f32>(params[3]);
    let dot = workgroup_sum(s, lid, ${sgArgs(subgroups)});
    if (lid == 0u) { gg[j] = ${storeAs(t, dtype, 'dot / sqrt(sum_sq)')}; }
  }
}
`;
}

/**
 * The weight-norm backward's v half, fused: per kept index j, Σv² in f32, then
 * gradV = gw·(g/n) − v·(g·gg/n²) with n² = Σv² + eps, in the composite's order.
 * params = [A, outer, inner, eps bits].
 */
export function weightNormGradVWgsl(t: WgslTypes, dtype: DType, subgroups: boolean): string {
  const type = elemType(t, dtype);
  const header = shaderHeader([['v', type, 'r'], ['g', type, 'r'], ['gw', type, 'r'], ['gg', type, 'r'], ['out', type, 'w']], { subgroups });
  return `${header}
${workgroupSumWgsl(subgroups)}
@compute @workgroup_size(${WN_WORKGROUP})
fn main(${workgroupBuiltins(subgroups)}) {
  let A = params[0];
  let len = params[1] * params[2];
  let groups = i32(nwg.x * nwg.y);
  for (var j = i32(wid.y * nwg.x + wid.x); j < A; j = j + groups) {
    var ss = 0.0;
    for (var e = i32(lid); e < len; e = e + ${WN_WORKGROUP}) {
      let x = ${loadAs(t, dtype, `v[${at('e')}]`)};
      ss = ss + x * x;
    }
    let sum_sq = workgroup_sum(ss, lid, ${sgArgs(subgroups)}) + bitcast<f32>(params[3]);
    let gj = ${loadAs(t, dtype, 'g[j]')};
    let scale_gw = gj / sqrt(sum_sq);
    let scale_v = gj * ${loadAs(t, dtype, 'gg[j]')} / sum_sq;
    for (var e = i32(lid); e < len; e = e + ${WN_WORKGROUP}) {
      let o = ${at('e')};
      out[o] = ${storeAs(t, dtype, `${loadAs(t, dtype, 'gw[o]')} * scale_gw - ${loadAs(t, dtype, 'v[o]')} * scale_v`)};
    }
  }
}
`;
}
