/** Workgroup size of the weight-norm family: per-row reductions (64 threads measured best on lavapipe). */
export const WN_WORKGROUP = 64;

/**
 * Sum of `p` over the workgroup, returned to every thread. With subgroups: subgroupAdd, then one
 * shared slot per subgroup. WGSL does not promise a subgroup covers consecutive invocation
 * indices, so each subgroup checks that it does and, if any does not, the workgroup falls back to
 * the shared-memory tree (the check is uniform, so both paths keep barriers in uniform control flow).
 */
export function workgroupSumWgsl(subgroups: boolean): string {
  const tree = `
  part[lid] = p;
  workgroupBarrier();
  for (var s = ${WN_WORKGROUP / 2}u; s > 0u; s = s >> 1u) {
    if (lid < s) { part[lid] = part[lid] + part[lid + s]; }
    workgroupBarrier();
  }
  let total = part[0];
  workgroupBarrier();
  return total;`;
  if (!subgroups) {
    return `var<workgroup> part: array<f32, ${WN_WORKGROUP}>;
fn workgroup_sum(p: f32, lid: u32, sg_size: u32, sg_lane: u32) -> f32 {${tree}
}`;
  }
  return `var<workgroup> part: array<f32, ${WN_WORKGROUP}>;
var<workgroup> scattered: atomic<u32>;
var<workgroup> scattered_flag: u32;
fn workgroup_sum(p: f32, lid: u32, sg_size: u32, sg_lane: u32) -> f32 {
  if (lid == 0u) { atomicStore(&scattered, 0u); }
  workgroupBarrier();
  let s = subgroupAdd(p);
  let lo = subgroupMin(lid);
  let hi = subgroupMax(lid);
  if (lo % sg_size != 0u || hi - lo + 1u != sg_size) { atomicStore(&scattered, 1u); }
  if (sg_lane == 0u) { part[lo / sg_size] = s; }
  workgroupBarrier();
  if (lid == 0u) { scattered_flag = atomicLoad(&scattered); }
  if (workgroupUniformLoad(&scattered_flag) == 0u) {
    var total = 0.0;
    for (var k = 0u; k < ${WN_WORKGROUP}u / sg_size; k = k + 1u) { total = total + part[k]; }
    workgroupBarrier();
    return total;
  }
  workgroupBarrier();${tree}
}`;
}

/** The entry point's builtins; subgroup size and lane only when subgroups are on. */
export function workgroupBuiltins(subgroups: boolean): string {
  const sg = subgroups ? ', @builtin(subgroup_size) sg_size: u32, @builtin(subgroup_invocation_id) sg_lane: u32' : '';
  return `@builtin(workgroup_id) wid: vec3u, @builtin(local_invocation_index) lid: u32, @builtin(num_workgroups) nwg: vec3u${sg}`;
}

/** The subgroup arguments workgroup_sum takes (unused zeros without subgroups). */
export function sgArgs(subgroups: boolean): string {
  return subgroups ? 'sg_size, sg_lane' : '0u, 0u';
}
