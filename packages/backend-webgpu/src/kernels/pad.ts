import { defineKernel, sizeOf, stridesOf } from '@weightnorm/core';
import type { WebgpuContext } from '../webgpu-context.js';
import type { WebgpuStorage } from '../webgpu-storage.js';
import { grid } from './grid.js';
import { PAD_WORKGROUP, padWgsl } from './pad.wgsl.js';

const bits = new Int32Array(1);
const asF32 = new Float32Array(bits.buffer);

/** torch's F.pad: constant, reflect, replicate, circular; one gather per output element. */
export const pad = defineKernel<'Pad', WebgpuStorage, WebgpuContext>('Pad', async (ctx, { x }, { pads, mode, value }, out) => {
  const n = sizeOf(out.shape);
  const r = x.shape.length;
  const storage = ctx.alloc(out.dtype, n);
  asF32[0] = value;
  const valueWord = x.dtype === 'int32' ? Math.trunc(value) : bits[0]!;
  const meta = [n, r, ...out.shape, ...x.shape, ...stridesOf(x.shape), ...pads.map((p) => p[0]), valueWord];
  // An empty input has nothing to read: only constant mode can fill its output.
  if (sizeOf(x.shape) === 0 && n > 0 && mode !== 'constant') throw new Error(`Pad: ${mode} mode needs a non-empty input`);
  await ctx.dispatch({
    kernel: 'Pad',
    key: `${x.dtype}|${r}|${mode}`,
    code: () => padWgsl(ctx, x.dtype, r, mode),
    inputs: [x.storage],
    outputs: [storage],
    meta,
    workgroups: grid(Math.ceil(n / PAD_WORKGROUP), ctx.facts.maxWorkgroupsPerDimension),
  });
  return storage;
});
