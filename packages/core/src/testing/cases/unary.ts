import { UNARY_OPS, type UnaryOp } from '../../backend/ops.js';
import type { DType } from '../../dtype/dtype.js';
import type { Tensor } from '../../ir/tensor.js';
import { defineCase, type ConformanceCase } from '../conformance-case.js';
import { UNARY_REFERENCE, unaryMap } from '../reference/elementwise.js';

const apply: { readonly [Op in UnaryOp]: (x: Tensor) => Tensor } = {
  Neg: (x) => x.neg(),
  Abs: (x) => x.abs(),
  Sign: (x) => x.sign(),
  Sqrt: (x) => x.sqrt(),
  Exp: (x) => x.exp(),
  Log: (x) => x.log(),
  Sin: (x) => x.sin(),
  Cos: (x) => x.cos(),
  Tanh: (x) => x.tanh(),
  Sigmoid: (x) => x.sigmoid(),
  Erf: (x) => x.erf(),
};

/** Ops defined only for positive inputs get positive random data; NaN inputs have their own case. */
const POSITIVE: readonly UnaryOp[] = ['Sqrt', 'Log'];

/**
 * Edge values per op. `big` is large for the dtype (1e30 in float32, 6e4 in float16); `over` is
 * where exp overflows the dtype. Sign gets no NaN: torch returns 0 for it, numpy NaN, and ops.ts
 * pins neither.
 */
function specialValues(op: UnaryOp, dtype: DType): number[] {
  const big = dtype === 'float16' ? 6e4 : 1e30;
  const tiny = dtype === 'float16' ? 1e-7 : 1e-30;
  const over = dtype === 'float16' ? [11, 12] : [88, 89];
  const inf = [Infinity, -Infinity];
  switch (op) {
    case 'Neg':
    case 'Abs':
      return [0, -0, 1.5, -2, big, -big, ...inf, NaN];
    case 'Sign':
      return [0, -0, 2.5, -3, tiny, -tiny, big, -big, ...inf];
    case 'Sqrt':
      return [0, -0, 1, 4, 2, tiny, big, -1, -tiny, ...inf, NaN];
    case 'Exp':
      return [0, -0, 1, -1, ...over, 100, -100, -110, ...inf, NaN];
    case 'Log':
      return [1, Math.E, 0.5, tiny, big, 0, -0, -1, ...inf, NaN];
    case 'Sin':
    case 'Cos':
      return [0, -0, Math.PI / 2, Math.PI, -Math.PI / 2, 1, -1, 100, -100, tiny, ...inf, NaN];
    case 'Tanh':
      return [0, -0, 0.5, -0.5, tiny, 10, -10, 100, -100, big, ...inf, NaN];
    case 'Sigmoid':
      return [0, 1, -1, 10, -10, 30, -30, 100, -100, ...inf, NaN];
    case 'Erf':
      return [0, -0, 0.1, -0.5, 1, -2, 3, 10, -10, tiny, ...inf, NaN];
  }
}

export function unaryCases(): ConformanceCase[] {
  const cases: ConformanceCase[] = [];
  for (const op of UNARY_OPS) {
    const f = UNARY_REFERENCE[op];
    for (const dtype of ['float32', 'float16'] as const) {
      cases.push(
        defineCase(op, 'random', dtype, async ({ randn, uniform, expect }) => {
          const x = POSITIVE.includes(op) ? uniform([3, 17], 0.01, 10) : randn([3, 17], { scale: 2 });
          await expect(apply[op](x.t), unaryMap(x.r, f));
        }),
        defineCase(op, 'special-values', dtype, async ({ values, expect }) => {
          const v = specialValues(op, dtype);
          const x = values([v.length], v);
          await expect(apply[op](x.t), unaryMap(x.r, f));
        }),
      );
    }
  }
  // Neg, Abs and Sign keep int32 (torch does); the float ops promote int32 input to float32.
  for (const op of ['Neg', 'Abs', 'Sign'] as const) {
    cases.push(
      defineCase(op, 'int', 'int32', async ({ values, ints, expect }) => {
        const x = ints([4, 5], -1000, 1000);
        const edge = values([5], [0, 2147483647, -2147483647, 16777217, -16777217]);
        await expect(apply[op](x.t), unaryMap(x.r, UNARY_REFERENCE[op]), { label: 'random' });
        await expect(apply[op](edge.t), unaryMap(edge.r, UNARY_REFERENCE[op]), { label: 'edges' });
      }),
    );
  }
  cases.push(
    defineCase('Exp', 'int32-input-promotes', 'float32', async ({ ints, expect }) => {
      const x = ints([2, 6], -5, 5);
      await expect(x.t.exp(), unaryMap(x.r, Math.exp));
    }),
  );
  return cases;
}
