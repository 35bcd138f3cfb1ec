import { describe, expect, it } from 'vitest';
import { tensor } from '../create.js';
import { convWeightGradTorch } from '../../testing/cases/conv-weight-grad-torch.js';
import { convWeightGradRef } from '../../testing/reference/conv-weight-grad.js';
import { evaluateReference } from '../../testing/reference/evaluate-reference.js';
import type { NdArray } from '../../testing/reference/nd-array.js';
import { convWeightGradComposite } from './conv-weight-grad.js';

/** Largest |got − want| over the largest |want| (the torch values are float64 to 9 digits). */
function relError(got: NdArray, want: { shape: readonly number[]; data: readonly number[] }): number {
  expect(got.shape).toEqual(want.shape);
  const scale = Math.max(1, ...want.data.map(Math.abs));
  return Math.max(0, ...want.data.map((w, i) => Math.abs(got.data[i]! - w))) / scale;
}

// The composite and the float64 reference (which evaluateReference runs for gradient checks)
// against torch, both interpreted in float64: any difference beyond the fixtures' 9 digits is a
// wrong index, not rounding.
describe.each(convWeightGradTorch.map((c) => [`${c.variant}/${c.dtype}`, c] as const))('ConvWeightGrad %s against torch', (_, c) => {
  const x = tensor([...c.x.data], c.x.shape);
  const gy = tensor([...c.gy.data], c.gy.shape);
  const attrs = { kernel: c.kernel, stride: c.stride, padding: c.padding, dilation: c.dilation, groups: c.groups };

  it('composite', () => {
    const [got] = evaluateReference([convWeightGradComposite({ x, gy }, attrs)]);
    expect(relError(got!, c.expected)).toBeLessThan(1e-8);
  });

  it('reference', () => {
    const [xr, gyr] = evaluateReference([x, gy]);
    expect(relError(convWeightGradRef(xr!, gyr!, attrs), c.expected)).toBeLessThan(1e-8);
  });
});

describe('ConvWeightGrad composite', () => {
  it('gives zeros of the weight shape for empty inputs', () => {
    const attrs = { kernel: [2], stride: [1], padding: [[0, 0]] as [number, number][], dilation: [1], groups: 1 };
    const out = convWeightGradComposite({ x: tensor([], [0, 3, 4]), gy: tensor([], [0, 2, 3]) }, attrs);
    expect(out.shape).toEqual([2, 3, 2]);
    expect(Array.from(evaluateReference([out])[0]!.data)).toEqual(new Array<number>(12).fill(0));
    const noPositions = convWeightGradComposite({ x: tensor(new Array<number>(8).fill(1), [1, 2, 4]), gy: tensor([], [1, 2, 0]) }, attrs);
    expect(Array.from(evaluateReference([noPositions])[0]!.data)).toEqual(new Array<number>(8).fill(0));
  });
});
