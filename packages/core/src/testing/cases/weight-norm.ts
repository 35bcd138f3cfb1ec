import { normalizeWeight, normExceptDim } from '../../ops/weight-norm.js';
import { defineCase, type ConformanceCase } from '../conformance-case.js';
import type { CaseTools } from '../case-tools.js';
import { normExceptDimRef, weightNormRef } from '../reference/weight-norm.js';

/** g in torch's stored shape for `axis` (v's rank, 1 off the axis; [] for the whole tensor). */
export function gFor(tools: CaseTools, v: readonly number[], axis: number | null) {
  const shape = axis === null ? [] : v.map((d, i) => (i === axis ? d : 1));
  return tools.uniform(shape, 0.5, 2);
}

interface Spec {
  variant: string;
  shape: number[];
  dim: number | null;
  /** The axis dim resolves to (torch's dim = -1 means the whole tensor, not the last axis). */
  axis: number | null;
  eps?: number;
}

const SPECS: readonly Spec[] = [
  { variant: 'dim0', shape: [6, 4, 3], dim: 0, axis: 0 },
  { variant: 'dim1', shape: [4, 5, 3], dim: 1, axis: 1 },
  { variant: 'dim-last-axis', shape: [4, 3, 5], dim: 2, axis: 2 },
  { variant: 'dim-null-whole-tensor', shape: [4, 3, 5], dim: null, axis: null },
  { variant: 'dim-minus1-whole-tensor', shape: [4, 3, 5], dim: -1, axis: null },
  { variant: 'dim-minus2-wraps', shape: [4, 3, 5], dim: -2, axis: 1 },
  { variant: 'dim0-2d-linear', shape: [7, 9], dim: 0, axis: 0 },
  { variant: 'dim0-eps', shape: [5, 3, 2], dim: 0, axis: 0, eps: 0.1 },
  { variant: 'large-64x32x3', shape: [64, 32, 3], dim: 0, axis: 0 },
];

export function weightNormCases(): ConformanceCase[] {
  const cases: ConformanceCase[] = SPECS.map((s) =>
    defineCase('WeightNorm', s.variant, 'float32', async (tools) => {
      const v = tools.randn(s.shape);
      const g = gFor(tools, s.shape, s.axis);
      const w = normalizeWeight(v.t, g.t, { dim: s.dim, eps: s.eps ?? 0 });
      await tools.expect(w, weightNormRef(v.r, g.r, s.axis, s.eps ?? 0));
    }),
  );
  cases.push(
    defineCase('WeightNorm', 'zero-row-eps0-is-nan', 'float32', async (tools) => {
      // torch divides 0 by a zero norm: NaN in exactly that row, not an exception, not zeros.
      const values = Array.from({ length: 24 }, (_, i) => (i >= 12 && i < 18 ? 0 : tools.rng.normal()));
      const vz = tools.values([4, 3, 2], values);
      const g = gFor(tools, [4, 3, 2], 0);
      await tools.expect(normalizeWeight(vz.t, g.t, { dim: 0 }), weightNormRef(vz.r, g.r, 0));
    }),
    defineCase('WeightNorm', 'zero-row-eps-is-zero', 'float32', async (tools) => {
      const values = Array.from({ length: 12 }, (_, i) => (i < 4 ? 0 : tools.rng.normal()));
      const v = tools.values([3, 4], values);
      const g = gFor(tools, [3, 4], 0);
      await tools.expect(normalizeWeight(v.t, g.t, { dim: 0, eps: 1e-6 }), weightNormRef(v.r, g.r, 0, 1e-6));
    }),
    defineCase('WeightNorm', 'flat-g', 'float32', async (tools) => {
      const v = tools.randn([5, 2, 3]);
      const g = tools.uniform([5], 0.5, 2);
      await tools.expect(normalizeWeight(v.t, g.t, { dim: 0 }), weightNormRef(v.r, g.r, 0));
    }),
    ...([0, null] as const).map((dim) =>
      defineCase('WeightNorm', `dim${dim === null ? '-null' : dim}`, 'float16', async (tools) => {
        // float16 v and g: float32 math, one rounding to half (the reference rounds once in expect).
        const v = tools.randn([8, 5, 3]);
        const g = gFor(tools, [8, 5, 3], dim);
        await tools.expect(normalizeWeight(v.t, g.t, { dim }), weightNormRef(v.r, g.r, dim));
      }),
    ),
    defineCase('WeightNorm', 'dim0-large-values', 'float16', async (tools) => {
      // Σv² of these rows (~2.5e5) overflows half; it must be accumulated in float32.
      const v = tools.randn([4, 64], { scale: 60 });
      const g = gFor(tools, [4, 64], 0);
      await tools.expect(normalizeWeight(v.t, g.t, { dim: 0 }), weightNormRef(v.r, g.r, 0));
    }),
  );
  for (const [variant, dim, axis] of [
    ['dim0', 0, 0],
    ['dim1', 1, 1],
    ['dim-null', null, null],
  ] as const) {
    cases.push(
      defineCase('Sum', `normExceptDim-${variant}`, 'float32', async ({ randn, expect }) => {
        const v = randn([5, 3, 4]);
        await expect(normExceptDim(v.t, dim), normExceptDimRef(v.r, axis));
      }),
    );
  }
  cases.push(
    defineCase('Sum', 'normExceptDim-dim0', 'float16', async ({ randn, expect }) => {
      // Σv² (~1.4e5) is past half's range: core sums it in float32.
      const v = randn([6, 40], { scale: 60 });
      await expect(normExceptDim(v.t, 0), normExceptDimRef(v.r, 0));
    }),
  );
  return cases;
}

