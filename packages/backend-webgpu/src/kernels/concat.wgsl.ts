import type { DType } from '@weightnorm/core';
import { elemType, type WgslTypes } from '../wgsl/scalar.js';
import { shaderHeader } from '../wgsl/shader-header.js';

export const CONCAT_WORKGROUP = 256;

/**
 * Copies one input into its slab of the output. Viewing both as [outer, axis·inner]:
 * element j of the input lands at (j / inRow)·outRow + offset + j % inRow.
 * meta = [n, inRow, outRow, offset]. Same dtype in and out, so the copy is bit-exact.
 */
export function concatWgsl(t: WgslTypes, dtype: DType): string {
  const type = elemType(t, dtype);
  return `${shaderHeader([['x', type, 'r'], ['out', type, 'w']])}
@compute @workgroup_size(${CONCAT_WORKGROUP})
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_index) lid: u32, @builtin(num_workgroups) nwg: vec3u) {
  let j = i32((wid.y * nwg.x + wid.x) * ${CONCAT_WORKGROUP}u + lid);
  if (j >= params[0]) { return; }
  out[(j / params[1]) * params[2] + params[3] + j % params[1]] = x[j];
}
`;
}
