import type { DType } from '../../dtype/dtype.js';
import { convTranspose } from '../../ops/conv-transpose.js';
import { defineCase, type ConformanceCase } from '../conformance-case.js';
import { convTransposeRef } from '../reference/conv-transpose.js';

interface ConvTransposeSpec {
  variant: string;
  x: number[];
  w: number[];
  bias: boolean;
  stride?: number[];
  padding?: number[];
  outputPadding?: number[];
  dilation?: number[];
  groups?: number;
  dtype?: DType;
}

const SPECS: readonly ConvTransposeSpec[] = [
  { variant: '1d', x: [2, 3, 7], w: [3, 4, 3], bias: false },
  { variant: '1d-stride2-bias', x: [2, 3, 6], w: [3, 2, 4], bias: true, stride: [2] },
  {
    variant: '1d-stride2-padding1-outputPadding1-dilation2',
    x: [2, 4, 5],
    w: [4, 3, 3],
    bias: true,
    stride: [2],
    padding: [1],
    outputPadding: [1],
    dilation: [2],
  },
  // padding equal to the kernel reach, dilation·(k−1): the composite pads nothing.
  { variant: '1d-k3-padding2', x: [2, 3, 8], w: [3, 2, 3], bias: true, padding: [2] },
  // padding past the kernel reach: the composite must crop the input instead of padding it.
  { variant: '1d-k3-padding3-stride2-crop', x: [2, 3, 8], w: [3, 2, 3], bias: true, stride: [2], padding: [3] },
  { variant: '1d-k2-padding2-crop', x: [2, 2, 9], w: [2, 3, 2], bias: false, padding: [2] },
  {
    variant: '2d-groups2-stride-padding-outputPadding-dilation',
    x: [2, 4, 4, 5],
    w: [4, 3, 3, 2],
    bias: true,
    stride: [2, 3],
    padding: [1, 0],
    outputPadding: [1, 2],
    dilation: [1, 2],
    groups: 2,
  },
  { variant: '2d-depthwise-stride2', x: [2, 3, 4, 3], w: [3, 1, 3, 3], bias: true, stride: [2, 2], padding: [1, 1], groups: 3 },
  {
    variant: '3d-stride2-padding1-bias',
    x: [2, 2, 3, 4, 3],
    w: [2, 3, 3, 2, 3],
    bias: true,
    stride: [2, 2, 1],
    padding: [1, 0, 1],
    outputPadding: [1, 0, 0],
  },
  { variant: '1d-stride2-bias', x: [2, 3, 6], w: [3, 2, 4], bias: true, stride: [2], dtype: 'float16' },
];

export function convTransposeCases(): ConformanceCase[] {
  return SPECS.map((s) =>
    defineCase('ConvTranspose', s.variant, s.dtype ?? 'float32', async ({ randn, expect }) => {
      const spatial = s.x.length - 2;
      const ones = new Array<number>(spatial).fill(1);
      const zeros = new Array<number>(spatial).fill(0);
      const x = randn(s.x);
      const w = randn(s.w, { scale: 0.5 });
      const groups = s.groups ?? 1;
      const b = s.bias ? randn([s.w[1]! * groups]) : null;
      const opts = {
        stride: s.stride ?? ones,
        padding: s.padding ?? zeros,
        outputPadding: s.outputPadding ?? zeros,
        dilation: s.dilation ?? ones,
        groups,
      };
      await expect(convTranspose(x.t, w.t, b?.t, opts), convTransposeRef(x.r, w.r, b?.r ?? null, opts));
    }),
  );
}
