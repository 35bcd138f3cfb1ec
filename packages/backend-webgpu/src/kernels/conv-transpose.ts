import { defineKernel, sizeOf } from '@weightnorm/core';
import type { WebgpuContext } from '../webgpu-context.js';
import type { WebgpuStorage } from '../webgpu-storage.js';
import { convGeometry } from './conv-geometry.js';
import { convTransposePhases } from './conv-transpose-phases.js';
import { convTransposeWgsl } from './conv-transpose.wgsl.js';
import { gemmGrid, pickGemmTile } from './gemm.wgsl.js';

/**
 * ConvTranspose1d/2d/3d with groups, stride, dilation, padding and output padding (the output
 * shape core computed carries it), as implicit GEMM per output phase: every multiply-add is one
 * torch does, with no scatter and no atomics.
 */
export const convTranspose = defineKernel<'ConvTranspose', WebgpuStorage, WebgpuContext>(
  'ConvTranspose',
  async (ctx, { x, w, b }, attrs, out) => {
    const storage = ctx.alloc(out.dtype, sizeOf(out.shape));
    const g = convGeometry(x.shape, w.shape, out.shape, attrs.stride, attrs.padding, attrs.dilation, attrs.groups);
    // Geometry lifted to 3-d: kernel at meta[12..15), stride [15..18), pad [18..21), dil [21..24), out [9..12).
    const lifted = (at: number) => g.meta.slice(at, at + 3);
    const tables = convTransposePhases(lifted(12), lifted(15), lifted(18), lifted(21), lifted(9));
    const phases = tables.reduce((n, t) => n * t.length, 1);
    const maxOutputs = tables.reduce((n, t) => n * Math.max(...t.map((row) => row[2]!)), 1);
    const base = 29;
    const offsets = [base, base + 4 * tables[0]!.length, base + 4 * (tables[0]!.length + tables[1]!.length)];
    const meta = [...g.meta, ...offsets, ...tables.flat(2)];
    meta[0] = g.z * phases;
    meta[2] = maxOutputs;
    const hasBias = b !== undefined;
    const tile = pickGemmTile(g.m);
    await ctx.dispatch({
      kernel: 'ConvTranspose',
      key: `${out.dtype}|${hasBias}|${tile.tm}`,
      code: () => convTransposeWgsl(ctx, out.dtype, hasBias, tile),
      inputs: [x.storage, w.storage, ...(b ? [b.storage] : [])],
      outputs: [storage],
      meta,
      workgroups: gemmGrid(g.z * phases, g.m, maxOutputs, tile, ctx.facts.maxWorkgroupsPerDimension),
    });
    return storage;
  },
);
