import type { DType } from '../../dtype/dtype.js';
import { convWeightGrad } from '../../ops/conv-weight-grad.js';
import { defineCase, type ConformanceCase } from '../conformance-case.js';
import { nd } from '../reference/nd-array.js';
import { convWeightGradTorch } from './conv-weight-grad-torch.js';

/** A tensor as the generator writes it. */
interface TorchTensor {
  shape: readonly number[];
  data: readonly number[];
}

/** One case of tools/fixtures/gen_conv_weight_grad.py: inputs, the op's attributes and torch's result. */
export interface ConvWeightGradTorchCase {
  variant: string;
  dtype: DType;
  kernel: readonly number[];
  stride: readonly number[];
  padding: readonly (readonly [number, number])[];
  dilation: readonly number[];
  groups: number;
  x: TorchTensor;
  gy: TorchTensor;
  /** torch's weight gradient, computed by autograd in float64 from exactly x and gy. */
  expected: TorchTensor;
}

/** ConvWeightGrad against torch's conv weight gradients (1-d, 2-d and 3-d; groups, stride, dilation, padding). */
export function convWeightGradCases(): ConformanceCase[] {
  return convWeightGradTorch.map((s) =>
    defineCase('ConvWeightGrad', s.variant, s.dtype, async ({ values, expect }) => {
      const x = values(s.x.shape, s.x.data);
      const gy = values(s.gy.shape, s.gy.data);
      const { kernel, stride, padding, dilation, groups } = s;
      await expect(convWeightGrad(x.t, gy.t, { kernel, stride, padding, dilation, groups }), nd(s.expected.shape, s.expected.data));
    }),
  );
}
