import { commonWgsl } from './common.wgsl.js';
import type { WgslScalar } from './scalar.js';

/**
 * `enable` directives for the types and features a shader uses, then the shared helpers.
 * `bindings` declares buffers in binding order: [name, element type, 'r' | 'w'].
 */
export function shaderHeader(
  bindings: readonly (readonly [string, WgslScalar, 'r' | 'w'])[],
  opts: { subgroups?: boolean; meta?: boolean } = {},
): string {
  const lines: string[] = [];
  if (bindings.some(([, t]) => t === 'f16')) lines.push('enable f16;');
  if (opts.subgroups) lines.push('enable subgroups;');
  lines.push(commonWgsl);
  bindings.forEach(([name, type, access], i) => {
    lines.push(
      `@group(0) @binding(${i}) var<storage, ${access === 'w' ? 'read_write' : 'read'}> ${name}: array<${type}>;`,
    );
  });
  if (opts.meta !== false) lines.push(`@group(0) @binding(${bindings.length}) var<storage, read> params: array<i32>;`);
  return lines.join('\n');
}
