import type { DType } from '@weightnorm/core';
import { mathWgsl } from '../wgsl/math.wgsl.js';
import { elemType, loadAs, storeAs, type WgslTypes } from '../wgsl/scalar.js';
import { shaderHeader } from '../wgsl/shader-header.js';

export interface StridedMapShader {
  readonly rank: number;
  /** Input dtypes, and whether each is read at the output's flat index (no stride math). */
  readonly inputs: readonly { readonly dtype: DType; readonly flat: boolean }[];
  readonly out: DType;
  /** Names the loaded inputs get, in order (e.g. `a`, `b`), already widened to f32 / i32. */
  readonly names: readonly string[];
  /** The result in the compute type, as an expression of `names`. */
  readonly expr: string;
}

export const MAP_WORKGROUP = 256;

/**
 * out[i] = expr(in_k[base_k + sum_d coord_d(i) * stride_k[d]]): the one shader behind every
 * elementwise op and every gather-style movement (permute, expand, slice). Broadcasting is a zero
 * stride; a flat input is read at i. meta = [n, shape[rank], (base, strides[rank]) per input].
 */
export function stridedMapWgsl(t: WgslTypes, s: StridedMapShader): string {
  const r = s.rank;
  const bindings = [
    ...s.inputs.map((inp, k) => [`in${k}`, elemType(t, inp.dtype), 'r'] as const),
    ['out', elemType(t, s.out), 'w'] as const,
  ];
  const strided = s.inputs.map((inp, k) => (inp.flat ? -1 : k)).filter((k) => k >= 0);
  const metaBase = (k: number) => 2 + r + k * (r + 1);
  const lines: string[] = [];
  if (strided.length > 0) {
    lines.push('  var rem = i;');
    for (const k of strided) lines.push(`  var o${k} = params[${metaBase(k)}];`);
    for (let d = r - 1; d >= 0; d--) {
      lines.push(`  { let size = params[${2 + d}]; let c = rem % size; rem = rem / size;`);
      for (const k of strided) lines.push(`    o${k} = o${k} + c * params[${metaBase(k) + 1 + d}];`);
      lines.push('  }');
    }
  }
  s.inputs.forEach((inp, k) => {
    lines.push(`  let ${s.names[k]} = ${loadAs(t, inp.dtype, `in${k}[${inp.flat ? 'i' : `o${k}`}]`)};`);
  });
  return `${shaderHeader(bindings)}
${mathWgsl}
@compute @workgroup_size(${MAP_WORKGROUP})
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_index) lid: u32, @builtin(num_workgroups) nwg: vec3u) {
  let i = i32((wid.y * nwg.x + wid.x) * ${MAP_WORKGROUP}u + lid);
  if (i >= params[0]) { return; }
${lines.join('\n')}
  out[i] = ${storeAs(t, s.out, `(${s.expr})`)};
}
`;
}
