import type { ReduceOp } from '../../backend/ops.js';
import type { Tensor } from '../../ir/tensor.js';
import { defineCase, type ConformanceCase } from '../conformance-case.js';
import { BINARY_REFERENCE, broadcastMap, scalarNd } from '../reference/elementwise.js';
import type { NdArray } from '../reference/nd-array.js';
import { maxRef, sumRef } from '../reference/reduce.js';

const apply = (op: ReduceOp, x: Tensor, axes?: number | number[], keepDims = false) =>
  op === 'Sum' ? x.sum(axes, keepDims) : x.max(axes, keepDims);
const reference = (op: ReduceOp, x: NdArray, axes: number[], keepDims = false) =>
  op === 'Sum' ? sumRef(x, axes, keepDims) : maxRef(x, axes, keepDims);

export function reduceCases(): ConformanceCase[] {
  const cases: ConformanceCase[] = [];
  for (const op of ['Sum', 'Max'] as const) {
    cases.push(
      defineCase(op, 'one-axis', 'float32', async ({ randn, expect }) => {
        const x = randn([3, 4, 5]);
        for (const axis of [0, 1, 2]) {
          await expect(apply(op, x.t, axis), reference(op, x.r, [axis]), { label: `axis ${axis}` });
        }
      }),
      defineCase(op, 'two-axes', 'float32', async ({ randn, expect }) => {
        const x = randn([3, 4, 5, 2]);
        await expect(apply(op, x.t, [0, 2]), reference(op, x.r, [0, 2]), { label: '[0, 2]' });
        await expect(apply(op, x.t, [3, 1]), reference(op, x.r, [1, 3]), { label: '[3, 1]' });
      }),
      defineCase(op, 'all-axes', 'float32', async ({ randn, expect }) => {
        const x = randn([4, 7, 3]);
        await expect(apply(op, x.t), reference(op, x.r, [0, 1, 2]));
      }),
      defineCase(op, 'keepDims-negative-axis', 'float32', async ({ randn, expect }) => {
        const x = randn([3, 4, 5]);
        await expect(apply(op, x.t, -1, true), reference(op, x.r, [2], true), { label: 'axis -1' });
        await expect(apply(op, x.t, [0, -2], true), reference(op, x.r, [0, 1], true), { label: 'axes [0, -2]' });
      }),
      defineCase(op, 'long-rows', 'float32', async ({ randn, expect }) => {
        const x = randn([3, 5000]);
        await expect(apply(op, x.t, 1), reference(op, x.r, [1]));
      }),
      defineCase(op, 'one-axis', 'float16', async ({ randn, expect }) => {
        const x = randn([6, 50], { scale: 3 });
        await expect(apply(op, x.t, 1), reference(op, x.r, [1]), { label: 'axis 1' });
        await expect(apply(op, x.t, 0), reference(op, x.r, [0]), { label: 'axis 0' });
      }),
      defineCase(op, 'int', 'int32', async ({ ints, expect }) => {
        // Sums past 2^24 are exact in int32 but not in a float32 accumulator.
        const x = ints([4, 8], -(1 << 27), 1 << 27);
        await expect(apply(op, x.t, 1), reference(op, x.r, [1]), { label: 'axis 1' });
        await expect(apply(op, x.t), reference(op, x.r, [0, 1]), { label: 'all' });
      }),
    );
  }
  cases.push(
    defineCase('Sum', '4096-halves-of-0.1', 'float16', async ({ values, expect }) => {
      // half(0.1) = 0.0999755859375, so the sum is exactly 409.5. A half accumulator stalls at 256,
      // where the spacing (0.25) is more than twice 0.1 and every addition rounds away.
      const x = values([4096], new Array<number>(4096).fill(0.1));
      await expect(x.t.sum(), sumRef(x.r, [0]));
    }),
    defineCase('Sum', 'mean', 'float32', async ({ randn, expect }) => {
      const x = randn([4, 6]);
      await expect(x.t.mean(1), broadcastMap([sumRef(x.r, [1]), scalarNd(6)], BINARY_REFERENCE.Div));
    }),
    defineCase('Sum', 'special-values', 'float32', async ({ values, expect }) => {
      // One row each: an Inf, Inf − Inf (NaN), a NaN, a −Inf.
      const x = values([4, 3], [1, Infinity, 2, Infinity, -Infinity, 0, NaN, 1, 2, -Infinity, 1, 2]);
      await expect(x.t.sum(1), sumRef(x.r, [1]));
    }),
    defineCase('Max', 'nan-propagates', 'float32', async ({ values, expect }) => {
      const x = values([3, 4], [1, NaN, 3, 2, -Infinity, -1, -2, -3, 5, 6, 7, NaN]);
      await expect(x.t.max(1), maxRef(x.r, [1]), { label: 'axis 1' });
      await expect(x.t.max(0), maxRef(x.r, [0]), { label: 'axis 0' });
    }),
    defineCase('Max', 'all-negative', 'float32', async ({ uniform, values, expect }) => {
      // A kernel that starts its running max at 0 instead of -Infinity fails here.
      const x = uniform([5, 7], -10, -1);
      const inf = values([2, 2], [-Infinity, -Infinity, -Infinity, -1e30]);
      await expect(x.t.max(1), maxRef(x.r, [1]), { label: 'uniform' });
      await expect(inf.t.max(1), maxRef(inf.r, [1]), { label: 'infinite' });
    }),
  );
  return cases;
}
