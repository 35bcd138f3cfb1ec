import type { DType } from '../../dtype/dtype.js';
import { conv, type ConvOptions } from '../../ops/conv.js';
import { defineCase, type ConformanceCase } from '../conformance-case.js';
import { convRef } from '../reference/conv.js';

interface ConvSpec {
  variant: string;
  x: number[];
  w: number[];
  bias: boolean;
  opts: ConvOptions;
  /** What the reference takes: resolved [before, after] padding. */
  padding: [number, number][];
  dtype?: DType;
}

const SPECS: readonly ConvSpec[] = [
  { variant: '1d', x: [2, 4, 10], w: [6, 4, 3], bias: false, opts: {}, padding: [[0, 0]] },
  { variant: '1d-stride2-padding1-bias', x: [2, 3, 11], w: [5, 3, 3], bias: true, opts: { stride: 2, padding: 1 }, padding: [[1, 1]] },
  {
    variant: '1d-dilation2-asymmetric-padding',
    x: [2, 3, 9],
    w: [4, 3, 3],
    bias: true,
    opts: { dilation: 2, padding: [[1, 2]] },
    padding: [[1, 2]],
  },
  // 'same' with an even kernel pads one more after than before (torch's split).
  { variant: '1d-same-even-kernel', x: [2, 3, 8], w: [4, 3, 4], bias: true, opts: { padding: 'same' }, padding: [[1, 2]] },
  {
    variant: '1d-same-even-kernel-dilation3',
    x: [2, 2, 12],
    w: [3, 2, 2],
    bias: false,
    opts: { padding: 'same', dilation: 3 },
    padding: [[1, 2]],
  },
  {
    variant: '2d-groups2-stride2-dilation2',
    x: [2, 4, 9, 10],
    w: [6, 2, 3, 2],
    bias: true,
    opts: { groups: 2, stride: 2, dilation: 2, padding: 1 },
    padding: [[1, 1], [1, 1]],
  },
  {
    variant: '2d-depthwise',
    x: [2, 3, 7, 6],
    w: [6, 1, 3, 3],
    bias: true,
    opts: { groups: 3, padding: [1, 0] },
    padding: [[1, 1], [0, 0]],
  },
  {
    variant: '2d-asymmetric-padding-stride-2x1',
    x: [2, 3, 6, 7],
    w: [4, 3, 2, 3],
    bias: false,
    opts: { stride: [2, 1], padding: [[1, 0], [2, 1]] },
    padding: [[1, 0], [2, 1]],
  },
  { variant: '2d-same-even-kernel', x: [2, 2, 6, 5], w: [3, 2, 2, 4], bias: true, opts: { padding: 'same' }, padding: [[0, 1], [1, 2]] },
  {
    variant: '3d-stride-padding-bias',
    x: [2, 2, 5, 6, 4],
    w: [3, 2, 3, 2, 3],
    bias: true,
    opts: { stride: [1, 2, 1], padding: 1 },
    padding: [[1, 1], [1, 1], [1, 1]],
  },
  {
    variant: '3d-groups2-dilation',
    x: [2, 4, 6, 5, 5],
    w: [4, 2, 2, 2, 2],
    bias: false,
    opts: { groups: 2, dilation: [2, 1, 2] },
    padding: [[0, 0], [0, 0], [0, 0]],
  },
  {
    variant: '1d-stride2-padding1-bias',
    x: [2, 3, 11],
    w: [5, 3, 3],
    bias: true,
    opts: { stride: 2, padding: 1 },
    padding: [[1, 1]],
    dtype: 'float16',
  },
  { variant: '1d-groups2', x: [2, 4, 9], w: [4, 2, 3], bias: false, opts: { groups: 2 }, padding: [[0, 0]], dtype: 'float16' },
];

export function convCases(): ConformanceCase[] {
  return SPECS.map((s) =>
    defineCase('Conv', s.variant, s.dtype ?? 'float32', async ({ randn, expect }) => {
      const x = randn(s.x);
      const w = randn(s.w, { scale: 0.5 });
      const b = s.bias ? randn([s.w[0]!]) : null;
      const stride = s.x.slice(2).map((_, i) => (typeof s.opts.stride === 'number' ? s.opts.stride : (s.opts.stride?.[i] ?? 1)));
      const dilation = s.x.slice(2).map((_, i) =>
        typeof s.opts.dilation === 'number' ? s.opts.dilation : (s.opts.dilation?.[i] ?? 1),
      );
      await expect(
        conv(x.t, w.t, b?.t, s.opts),
        convRef(x.r, w.r, b?.r ?? null, { stride, padding: s.padding, dilation, groups: s.opts.groups ?? 1 }),
      );
    }),
  );
}
