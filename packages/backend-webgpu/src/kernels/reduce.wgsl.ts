import type { DType, ReduceOp } from '@weightnorm/core';
import { mathWgsl } from '../wgsl/math.wgsl.js';
import { computeType, elemType, loadAs, storeAs, type WgslTypes } from '../wgsl/scalar.js';
import { shaderHeader } from '../wgsl/shader-header.js';

export const REDUCE_WORKGROUP = 64;

const COMBINE: { readonly [Op in ReduceOp]: { readonly f32: [string, string]; readonly i32: [string, string] } } = {
  // [identity, combine(p, q)]
  Sum: { f32: ['0.0', 'p + q'], i32: ['0', 'p + q'] },
  // Max propagates NaN, as torch.amax does; over an empty axis it is -Infinity.
  Max: { f32: ['-inf_f32()', 'wn_max(p, q)'], i32: ['i32(-2147483647 - 1)', 'max(p, q)'] },
};

/**
 * Sum / Max over some axes, one workgroup per output element (grid-strided when there are more
 * outputs than workgroups): threads stride over the reduced elements, then a shared-memory tree.
 * Accumulates in f32 (i32 for int32). meta = [nOut, nRed, kept sizes[k], kept strides[k],
 * reduced sizes[r], reduced strides[r]] (strides into x).
 */
export function reduceWgsl(t: WgslTypes, op: ReduceOp, dtype: DType, outDType: DType, kept: number, reduced: number): string {
  const acc = computeType(dtype);
  const [identity, combine] = COMBINE[op][acc];
  const fn = `fn combine(p: ${acc}, q: ${acc}) -> ${acc} { return ${combine}; }`;
  const keptSize = (d: number) => `params[${2 + d}]`;
  const keptStride = (d: number) => `params[${2 + kept + d}]`;
  const redSize = (d: number) => `params[${2 + 2 * kept + d}]`;
  const redStride = (d: number) => `params[${2 + 2 * kept + reduced + d}]`;
  const keptLines: string[] = [];
  for (let d = kept - 1; d >= 0; d--) {
    keptLines.push(`    { let c = rem % ${keptSize(d)}; rem = rem / ${keptSize(d)}; base = base + c * ${keptStride(d)}; }`);
  }
  const redLines: string[] = [];
  for (let d = reduced - 1; d >= 0; d--) {
    redLines.push(`      { let c = rr % ${redSize(d)}; rr = rr / ${redSize(d)}; off = off + c * ${redStride(d)}; }`);
  }
  return `${shaderHeader([['x', elemType(t, dtype), 'r'], ['out', elemType(t, outDType), 'w']])}
${mathWgsl}
${fn}
var<workgroup> part: array<${acc}, ${REDUCE_WORKGROUP}>;
@compute @workgroup_size(${REDUCE_WORKGROUP})
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_index) lid: u32, @builtin(num_workgroups) nwg: vec3u) {
  let nOut = params[0];
  let nRed = params[1];
  let groups = i32(nwg.x * nwg.y);
  for (var o = i32(wid.y * nwg.x + wid.x); o < nOut; o = o + groups) {
    var rem = o;
    var base = 0;
${keptLines.join('\n')}
    var a: ${acc} = ${identity};
    for (var r = i32(lid); r < nRed; r = r + ${REDUCE_WORKGROUP}) {
      var rr = r;
      var off = base;
${redLines.join('\n')}
      a = combine(a, ${loadAs(t, dtype, 'x[off]')});
    }
    part[lid] = a;
    workgroupBarrier();
    for (var s = ${REDUCE_WORKGROUP / 2}u; s > 0u; s = s >> 1u) {
      if (lid < s) { part[lid] = combine(part[lid], part[lid + s]); }
      workgroupBarrier();
    }
    if (lid == 0u) { out[o] = ${storeAs(t, outDType, 'part[0]')}; }
    workgroupBarrier();
  }
}
`;
}
