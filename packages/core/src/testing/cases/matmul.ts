import { matmul } from '../../ops/matmul.js';
import { defineCase, type ConformanceCase } from '../conformance-case.js';
import { matmulRef } from '../reference/matmul.js';
import { permuteRef } from '../reference/movement.js';

export function matmulCases(): ConformanceCase[] {
  const plain = (variant: string, aShape: number[], bShape: number[]) =>
    defineCase('MatMul', variant, 'float32', async ({ randn, expect }) => {
      const a = randn(aShape);
      const b = randn(bShape);
      await expect(matmul(a.t, b.t), matmulRef(a.r, b.r));
    });
  return [
    plain('2d', [5, 7], [7, 3]),
    plain('batched-broadcast', [2, 1, 4, 6], [3, 6, 5]),
    plain('1d-by-2d', [7], [7, 3]),
    plain('2d-by-1d', [4, 7], [7]),
    plain('1d-by-1d', [9], [9]),
    plain('batched-by-1d', [3, 4, 6], [6]),
    plain('odd-17x33-33x9', [17, 33], [33, 9]),
    plain('large-64x200-200x48', [64, 200], [200, 48]),
    defineCase('MatMul', 'transposed-operands', 'float32', async ({ randn, expect }) => {
      const a = randn([6, 5]);
      const b = randn([3, 6]);
      await expect(a.t.transpose().matmul(b.t.transpose()), matmulRef(permuteRef(a.r, [1, 0]), permuteRef(b.r, [1, 0])));
    }),
    defineCase('MatMul', 'special-values', 'float32', async ({ randn, values, expect }) => {
      // A NaN poisons its row of the product, an Inf makes its row infinite.
      const a = values([3, 4], [1, NaN, 2, 3, 0.5, 1, Infinity, -1, 1, 2, 3, 4]);
      const b = randn([4, 5]);
      await expect(matmul(a.t, b.t), matmulRef(a.r, b.r));
    }),
    defineCase('MatMul', 'odd-sizes', 'float16', async ({ randn, expect }) => {
      const a = randn([2, 9, 40]);
      const b = randn([40, 7]);
      await expect(matmul(a.t, b.t), matmulRef(a.r, b.r));
    }),
    defineCase('MatMul', '2d', 'int32', async ({ ints, expect }) => {
      // Products and sums past 2^24: exact only with integer arithmetic.
      const a = ints([3, 5], -20000, 20000);
      const b = ints([5, 4], -20000, 20000);
      await expect(matmul(a.t, b.t), matmulRef(a.r, b.r));
    }),
  ];
}
