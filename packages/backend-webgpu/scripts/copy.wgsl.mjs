/**
 * The roofline's reference: a plain buffer copy with the same thread layout as the elementwise
 * kernels (one f32 per invocation, 256 per workgroup, 2-d grid over the workgroup limit).
 */
export const copyWgsl = /* wgsl */ `
@group(0) @binding(0) var<storage, read> src: array<f32>;
@group(0) @binding(1) var<storage, read_write> dst: array<f32>;
@group(0) @binding(2) var<storage, read> params: array<i32>;
@compute @workgroup_size(256)
fn main(@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_index) lid: u32, @builtin(num_workgroups) nwg: vec3u) {
  let i = i32((wid.y * nwg.x + wid.x) * 256u + lid);
  if (i < params[0]) { dst[i] = src[i]; }
}
`;
