import type { DType } from '@weightnorm/core';
import { elemType, loadAs, storeAs, type WgslTypes } from '../wgsl/scalar.js';
import { shaderHeader } from '../wgsl/shader-header.js';
import { sgArgs, WN_WORKGROUP, workgroupBuiltins, workgroupSumWgsl } from './workgroup-sum.wgsl.js';

export { WN_WORKGROUP };

/** Values per thread kept in registers between the norm and the write: rows up to 2048 read v once. */
const CACHE = 32;

/**
 * The fused weight norm, one dispatch: one workgroup per kept index j (grid-strided). v viewed as
 * [outer, A, inner]; row j is the outer·inner elements (o, j, i). Threads accumulate Σv² in f32
 * over the row (keeping up to 32 values each in registers), the workgroup sums it, and each thread
 * writes w = v · (g[j] / sqrt(Σv² + eps)) for its elements, rounding once to the output dtype.
 * The whole-tensor norm is the same with A = 1. meta = [A, outer, inner, eps bits].
 */
export function weightNormWgsl(t: WgslTypes, dtype: DType, subgroups: boolean): string {
  const type = elemType(t, dtype);
  const header = shaderHeader([['v', type, 'r'], ['g', type, 'r'], ['w', type, 'w']], { subgroups });
  return `${header}
${workgroupSumWgsl(subgroups)}
@compute @workgroup_size(${WN_WORKGROUP})
fn main(${workgroupBuiltins(subgroups)}) {
  let A = params[0];
  let inner = params[2];
  let len = params[1] * inner;
  let eps = bitcast<f32>(params[3]);
  let groups = i32(nwg.x * nwg.y);
  for (var j = i32(wid.y * nwg.x + wid.x); j < A; j = j + groups) {
    var cache: array<f32, ${CACHE}>;
    var p = 0.0;
    var k = 0;
    for (var e = i32(lid); e < len; e = e + ${WN_WORKGROUP}) {
      let x = ${loadAs(t, dtype, 'v[((e / inner) * A + j) * inner + e % inner]')};
      if (k < ${CACHE}) { cache[k] = x; }
      k = k + 1;
      p = p + x * x;
    }
    let total = workgroup_sum(p, lid, ${sgArgs(subgroups)});
    let scale = ${loadAs(t, dtype, 'g[j]')} / sqrt(total + eps);
    k = 0;
    for (var e = i32(lid); e < len; e = e + ${WN_WORKGROUP}) {
      let at = ((e / inner) * A + j) * inner + e % inner;
      var x: f32;
      if (k < ${CACHE}) { x = cache[k]; } else { x = ${loadAs(t, dtype, 'v[at]')}; }
      k = k + 1;
      w[at] = ${storeAs(t, dtype, 'x * scale')};
    }
  }
}
`;
}

/**
 * Stage 1 of the two-stage whole-tensor norm for large v: workgroup b writes the f32 Σv² of the
 * elements b·WG + lid + k·(P·WG), WG the workgroup size. meta = [n, P].
 */
export function weightNormPartialsWgsl(t: WgslTypes, dtype: DType, subgroups: boolean): string {
  const header = shaderHeader([['v', elemType(t, dtype), 'r'], ['partials', 'f32', 'w']], { subgroups });
  return `${header}
${workgroupSumWgsl(subgroups)}
@compute @workgroup_size(${WN_WORKGROUP})
fn main(${workgroupBuiltins(subgroups)}) {
  let n = params[0];
  let stride = params[1] * ${WN_WORKGROUP};
  var p = 0.0;
  for (var e = i32(wid.x) * ${WN_WORKGROUP} + i32(lid); e < n; e = e + stride) {
    let x = ${loadAs(t, dtype, 'v[e]')};
    p = p + x * x;
  }
  let total = workgroup_sum(p, lid, ${sgArgs(subgroups)});
  if (lid == 0u) { partials[wid.x] = total; }
}
`;
}

/**
 * Stage 2: every workgroup sums the P partials (same order everywhere, so every element sees the
 * same norm), then scales its grid-strided share of v. meta = [n, P, eps bits].
 */
export function weightNormApplyWgsl(t: WgslTypes, dtype: DType, subgroups: boolean): string {
  const type = elemType(t, dtype);
  const header = shaderHeader([['v', type, 'r'], ['g', type, 'r'], ['partials', 'f32', 'r'], ['w', type, 'w']], { subgroups });
  return `${header}
${workgroupSumWgsl(subgroups)}
@compute @workgroup_size(${WN_WORKGROUP})
fn main(${workgroupBuiltins(subgroups)}) {
  let n = params[0];
  let P = params[1];
  var p = 0.0;
  for (var q = i32(lid); q < P; q = q + ${WN_WORKGROUP}) { p = p + partials[q]; }
  let total = workgroup_sum(p, lid, ${sgArgs(subgroups)});
  let scale = ${loadAs(t, dtype, 'g[0]')} / sqrt(total + bitcast<f32>(params[2]));
  let stride = i32(nwg.x * nwg.y) * ${WN_WORKGROUP};
  for (var e = i32((wid.y * nwg.x + wid.x) * ${WN_WORKGROUP}u + lid); e < n; e = e + stride) {
    w[e] = ${storeAs(t, dtype, `${loadAs(t, dtype, 'v[e]')} * scale`)};
  }
}
`;
}
