import type { DType, PadMode } from '@weightnorm/core';
import { elemType, loadAs, storeAs, type WgslTypes } from '../wgsl/scalar.js';
import { shaderHeader } from '../wgsl/shader-header.js';

export const PAD_WORKGROUP = 256;

/** Where an output coordinate `j` reads along one axis, as torch's F.pad modes define it. */
const SOURCE: { readonly [M in PadMode]: string } = {
  constant: 'j',
  // Mirror without repeating the edge; core guarantees pad < size, so one reflection suffices.
  reflect: 'select(select(j, 2 * (size - 1) - j, j >= size), -j, j < 0)',
  replicate: 'clamp(j, 0, size - 1)',
  circular: '((j % size) + size) % size',
};

/**
 * Pad: each output element finds its source per axis, or takes `value` (constant mode, outside).
 * meta = [n, rank, out shape[r], x shape[r], x strides[r], before[r], value (f32 bits or i32)].
 */
export function padWgsl(t: WgslTypes, dtype: DType, rank: number, mode: PadMode): string {
  const r = rank;
  const m = (k: number, d: number) => `params[${2 + k * r + d}]`;
  const value = dtype === 'int32' ? `params[${2 + 4 * r}]` : `bitcast<f32>(params[${2 + 4 * r}])`;
  const lines = ['  var rem = i;', '  var src = 0;', '  var inside = true;'];
  for (let d = r - 1; d >= 0; d--) {
    lines.push(
      `  { let c = rem % ${m(0, d)}; rem = rem / ${m(0, d)}; let size = ${m(1, d)}; let j = c - ${m(3, d)};`,
      `    let k = ${SOURCE[mode]};`,
      '    inside = inside && k >= 0 && k < size;',
      `    src = src + clamp(k, 0, size - 1) * ${m(2, d)}; }`,
    );
  }
  return `${shaderHeader([['x', elemType(t, dtype), 'r'], ['out', elemType(t, dtype), 'w']])}
@compute @workgroup_size(${PAD_WORKGROUP})
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_index) lid: u32, @builtin(num_workgroups) nwg: vec3u) {
  let i = i32((wid.y * nwg.x + wid.x) * ${PAD_WORKGROUP}u + lid);
  if (i >= params[0]) { return; }
${lines.join('\n')}
  var v = ${value};
  if (inside) { v = ${loadAs(t, dtype, 'x[src]')}; }
  out[i] = ${storeAs(t, dtype, 'v')};
}
`;
}
