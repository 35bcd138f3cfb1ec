import { where } from '../../ops/elementwise.js';
import { defineCase, type ConformanceCase } from '../conformance-case.js';
import { BINARY_REFERENCE, broadcastMap, scalarNd, whereRef } from '../reference/elementwise.js';

export function whereCases(): ConformanceCase[] {
  return [
    defineCase('Where', 'broadcast-int32-cond', 'float32', async ({ values, randn, expect }) => {
      const cond = values([3, 1], [0, 5, -1], 'int32');
      const a = randn([1, 4]);
      const b = randn([2, 3, 4]);
      await expect(where(cond.t, a.t, b.t), whereRef(cond.r, a.r, b.r));
    }),
    defineCase('Where', 'float-cond-and-number', 'float32', async ({ values, randn, expect }) => {
      // Only 0 (and -0) counts as false; NaN is non-zero, so it picks `a`.
      const cond = values([2, 4], [0, -0, 0.5, -3, NaN, Infinity, 1e-30, 0]);
      const a = randn([2, 4]);
      await expect(where(cond.t, a.t, -7.5), whereRef(cond.r, a.r, scalarNd(-7.5)));
    }),
    defineCase('Where', 'special-values', 'float32', async ({ values, expect }) => {
      // Only the picked side matters: a NaN or Inf on the other side must not leak through.
      const cond = values([6], [1, 0, 1, 0, 1, 0], 'int32');
      const a = values([6], [NaN, NaN, Infinity, Infinity, -0, 5]);
      const b = values([6], [1, 2, -Infinity, -Infinity, 3, NaN]);
      await expect(where(cond.t, a.t, b.t), whereRef(cond.r, a.r, b.r));
    }),
    defineCase('Where', 'cond-from-comparison', 'float16', async ({ randn, expect }) => {
      const x = randn([5, 6]);
      const y = randn([5, 6]);
      const cond = broadcastMap([x.r, y.r], BINARY_REFERENCE.Greater);
      await expect(where(x.t.gt(y.t), x.t, y.t), whereRef(cond, x.r, y.r));
    }),
    defineCase('Where', 'int32-values', 'int32', async ({ ints, expect }) => {
      const cond = ints([4, 1], 0, 1);
      const a = ints([4, 3], -(1 << 30), 1 << 30);
      const b = ints([3], -(1 << 30), 1 << 30);
      await expect(where(cond.t, a.t, b.t), whereRef(cond.r, a.r, b.r));
    }),
  ];
}
