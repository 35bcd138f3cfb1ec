import { describe, expect, it } from 'vitest';
import { DTypeError, ShapeError } from '../errors/index.js';
import { checkGradients } from '../testing/check-gradients.js';
import { createRandom, seedFrom } from '../testing/random.js';
import { nd, type NdArray } from '../testing/reference/nd-array.js';
import { convWeightGrad, type ConvWeightGradOptions } from './conv-weight-grad.js';
import { tensor } from './create.js';

const zeros = (shape: number[], dtype: 'float32' | 'float16' | 'int32' = 'float32') =>
  tensor(new Array<number>(shape.reduce((a, b) => a * b, 1)).fill(0), shape, { dtype });

describe('convWeightGrad', () => {
  it('builds one ConvWeightGrad node [O, C/groups, *kernel] with normalized attributes', () => {
    const gw = convWeightGrad(zeros([2, 4, 10]), zeros([2, 6, 4]), { kernel: 3, stride: 2, padding: [[2, 1]], groups: 2 });
    expect(gw.op).toBe('ConvWeightGrad');
    expect(gw.shape).toEqual([6, 2, 3]);
    expect(gw.dtype).toBe('float32');
    expect(gw.attrs).toEqual({ kernel: [3], stride: [2], padding: [[2, 1]], dilation: [1], groups: 2 });
    const gw2 = convWeightGrad(zeros([1, 3, 5, 6]), zeros([1, 2, 5, 6]), { kernel: [3, 2], padding: 'same' });
    expect(gw2.shape).toEqual([2, 3, 3, 2]);
    expect(gw2.attrs).toMatchObject({ padding: [[1, 1], [0, 1]], dilation: [1, 1] });
  });

  it('computes in the common float dtype, as conv does', () => {
    const gw = convWeightGrad(zeros([1, 2, 5], 'float16'), zeros([1, 2, 3], 'float32'), { kernel: 3 });
    expect(gw.dtype).toBe('float32');
    expect(gw.inputs.map((t) => t.dtype)).toEqual(['float32', 'float32']);
    expect(convWeightGrad(zeros([1, 2, 5], 'float16'), zeros([1, 2, 3], 'float16'), { kernel: 3 }).dtype).toBe('float16');
  });

  it('rejects bad arguments with typed errors naming them', () => {
    const x = zeros([2, 4, 10]);
    const gy = zeros([2, 6, 8]);
    expect(() => convWeightGrad(zeros([4, 10]), gy, { kernel: 3 })).toThrow(ShapeError);
    expect(() => convWeightGrad(zeros([4, 10]), gy, { kernel: 3 })).toThrow(/convWeightGrad: input must be a tensor \[N, C, \*spatial\]/);
    expect(() => convWeightGrad(x, zeros([2, 6, 8, 1]), { kernel: 3 })).toThrow(/convWeightGrad: gy must be a 3-d tensor \[2, O, L\]/);
    expect(() => convWeightGrad(x, zeros([3, 6, 8]), { kernel: 3 })).toThrow(/gy must be .*received \[3, 6, 8\]/);
    expect(() => convWeightGrad(x, gy, { kernel: 3, groups: 3 })).toThrow(
      /convWeightGrad: groups must be a positive integer dividing both the 4 input and the 6 gy channels; received 3/,
    );
    expect(() => convWeightGrad(x, gy, { kernel: 3, groups: 0 })).toThrow(ShapeError);
    expect(() => convWeightGrad(x, gy, {} as ConvWeightGradOptions)).toThrow(/convWeightGrad: kernel must be an integer ≥ 1 or 1 such integers; received undefined/);
    expect(() => convWeightGrad(x, gy, { kernel: [0] })).toThrow(/kernel must be an integer ≥ 1/);
    expect(() => convWeightGrad(x, gy, { kernel: [3, 3] })).toThrow(/kernel must be/);
    expect(() => convWeightGrad(x, gy, { kernel: 3, stride: 0 })).toThrow(/stride must be an integer ≥ 1/);
    expect(() => convWeightGrad(x, gy, { kernel: 3, dilation: [1, 2] })).toThrow(/dilation must be/);
    expect(() => convWeightGrad(x, gy, { kernel: 3, padding: [[1, -1]] })).toThrow(/padding must be 1 pairs/);
    expect(() => convWeightGrad(zeros([2, 4, 10], 'int32'), gy, { kernel: 3 })).toThrow(DTypeError);
    expect(() => convWeightGrad(x, zeros([2, 6, 8], 'int32'), { kernel: 3, op: 'Conv1d.backward' })).toThrow(
      /Conv1d.backward: gy must be a float16 or float32 tensor; received "int32"/,
    );
  });
});

/** Random float32-exact inputs seeded from the case name. */
function inputs(name: string, shapes: readonly (readonly number[])[]): NdArray[] {
  const rng = createRandom(seedFrom(name));
  return shapes.map((s) => nd(s, Array.from({ length: s.reduce((a, b) => a * b, 1) }, () => Math.fround(rng.normal()))));
}

describe('the vjp of ConvWeightGrad (double backward through a conv)', () => {
  const cases: { name: string; x: number[]; gy: number[]; opts: ConvWeightGradOptions }[] = [
    { name: '1d-stride2-dilation2-asymmetric', x: [2, 3, 11], gy: [2, 4, 4], opts: { kernel: 3, stride: 2, dilation: 2, padding: [[2, 1]] } },
    { name: '1d-groups2', x: [2, 4, 9], gy: [2, 6, 5], opts: { kernel: 3, stride: 2, padding: 1, groups: 2 } },
    // gy's positions reach past x's end (zeros there), and the padding after says nothing of it.
    { name: '1d-gy-past-end', x: [1, 2, 6], gy: [1, 3, 9], opts: { kernel: 3, padding: [[1, 0]] } },
    // gy shorter than the conv's natural output: the extra conv positions get no gradient.
    { name: '1d-gy-short', x: [2, 2, 9], gy: [2, 2, 3], opts: { kernel: 2, padding: 2 } },
    { name: '2d-stride-dilation', x: [2, 2, 5, 6], gy: [2, 3, 3, 4], opts: { kernel: [2, 3], stride: [2, 1], dilation: [1, 2], padding: [[1, 0], [1, 2]] } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = checkGradients((x, gy) => convWeightGrad(x, gy, c.opts), inputs(c.name, [c.x, c.gy]), { name: c.name });
      expect(r.maxRelError).toBeLessThan(1e-6);
    });
  }

  it('gives zeros for an empty batch', () => {
    const r = checkGradients((x, gy) => convWeightGrad(x, gy, { kernel: 2 }).add(x.sum().add(gy.sum())), inputs('empty', [[0, 2, 5], [0, 3, 4]]));
    expect(r.analytic.map((a) => a.shape)).toEqual([[0, 2, 5], [0, 3, 4]]);
  });
});

