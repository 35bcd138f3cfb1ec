import { BINARY_OPS, type BinaryOp } from '../../backend/ops.js';
import type { Tensor } from '../../ir/tensor.js';
import { defineCase, type ConformanceCase } from '../conformance-case.js';
import type { CaseTools } from '../case-tools.js';
import { BINARY_REFERENCE, broadcastMap, scalarNd } from '../reference/elementwise.js';

const apply: { readonly [Op in BinaryOp]: (a: Tensor, b: Tensor | number) => Tensor } = {
  Add: (a, b) => a.add(b),
  Sub: (a, b) => a.sub(b),
  Mul: (a, b) => a.mul(b),
  Div: (a, b) => a.div(b),
  Pow: (a, b) => a.pow(b),
  Maximum: (a, b) => a.maximum(b),
  Minimum: (a, b) => a.minimum(b),
  Greater: (a, b) => a.gt(b),
  Less: (a, b) => a.lt(b),
  Equal: (a, b) => a.eq(b),
};

const INT_OPS: readonly BinaryOp[] = ['Add', 'Sub', 'Mul', 'Maximum', 'Minimum', 'Greater', 'Less', 'Equal'];

/** Operands for `op`: Pow gets a positive base, Equal operands that share some values. */
function operands(op: BinaryOp, tools: CaseTools, aShape: readonly number[], bShape: readonly number[]) {
  if (op === 'Pow') return [tools.uniform(aShape, 0.1, 3), tools.uniform(bShape, -2, 2)] as const;
  if (op === 'Equal') {
    const pick = (shape: readonly number[]) =>
      tools.values(shape, Array.from({ length: shape.reduce((n, d) => n * d, 1) }, () => tools.rng.int(-2, 2) / 2));
    return [pick(aShape), pick(bShape)] as const;
  }
  if (op === 'Div') return [tools.randn(aShape), tools.uniform(bShape, 0.5, 2)] as const;
  return [tools.randn(aShape), tools.randn(bShape)] as const;
}

export function binaryCases(): ConformanceCase[] {
  const cases: ConformanceCase[] = [];
  for (const op of BINARY_OPS) {
    const f = BINARY_REFERENCE[op];
    for (const dtype of ['float32', 'float16'] as const) {
      cases.push(
        defineCase(op, 'same-shape', dtype, async (tools) => {
          const [a, b] = operands(op, tools, [4, 5], [4, 5]);
          await tools.expect(apply[op](a.t, b.t), broadcastMap([a.r, b.r], f));
        }),
      );
    }
    cases.push(
      defineCase(op, 'broadcast-3x1x4-2x4', 'float32', async (tools) => {
        const [a, b] = operands(op, tools, [3, 1, 4], [2, 4]);
        await tools.expect(apply[op](a.t, b.t), broadcastMap([a.r, b.r], f), { label: 'a op b' });
        await tools.expect(apply[op](b.t, a.t), broadcastMap([b.r, a.r], f), { label: 'b op a' });
      }),
      defineCase(op, 'scalar-number', 'float32', async (tools) => {
        const [a] = operands(op, tools, [3, 5], [1]);
        const s = op === 'Pow' ? 1.5 : op === 'Equal' ? 0.5 : -2.5;
        await tools.expect(apply[op](a.t, s), broadcastMap([a.r, scalarNd(s)], f));
      }),
    );
    if (INT_OPS.includes(op)) {
      cases.push(
        defineCase(op, 'int', 'int32', async ({ ints, values, expect }) => {
          // Products and sums past 2^24 are exact in int32 but not in float32, so a kernel that
          // computes int32 through float32 fails here.
          const mulRange = 40000;
          const range = op === 'Mul' ? mulRange : op === 'Equal' ? 3 : 1 << 28;
          const a = ints([3, 1, 4], -range, range);
          const b = ints([2, 4], -range, range);
          await expect(apply[op](a.t, b.t), broadcastMap([a.r, b.r], f), { label: 'broadcast' });
          const c = values([4], [16777217, 16777216, -16777217, 1 << 30], 'int32');
          const d = values([4], [16777216, 16777217, -16777216, (1 << 30) - 1], 'int32');
          if (op !== 'Mul') await expect(apply[op](c.t, d.t), broadcastMap([c.r, d.r], f), { label: 'beyond 2^24' });
        }),
      );
    }
  }

  cases.push(
    ...(['Add', 'Sub', 'Mul'] as const).map((op) =>
      defineCase(op, 'special-values', 'float32', async ({ values, expect }) => {
        // NaN propagates, Inf − Inf and 0·Inf are NaN, and 3e38 + 3e38 overflows float32 to Inf.
        const a = values([8], [Infinity, Infinity, NaN, 1, -0, 3e38, -Infinity, 0]);
        const b = values([8], [-Infinity, 1, 1, NaN, -0, 3e38, -Infinity, Infinity]);
        await expect(apply[op](a.t, b.t), broadcastMap([a.r, b.r], BINARY_REFERENCE[op]));
      }),
    ),
    defineCase('Div', 'by-zero', 'float32', async ({ values, expect }) => {
      const a = values([7], [1, -1, 0, -0, 1, NaN, Infinity]);
      const b = values([7], [0, 0, 0, 0, -0, 0, 0]);
      await expect(a.t.div(b.t), broadcastMap([a.r, b.r], BINARY_REFERENCE.Div));
    }),
    defineCase('Div', 'reciprocal-of-tensor', 'float32', async ({ values, randn, expect }) => {
      const x = randn([2, 5]);
      const z = values([3], [0, -0, Infinity]);
      await expect(x.t.reciprocal(), broadcastMap([scalarNd(1), x.r], BINARY_REFERENCE.Div), { label: 'random' });
      await expect(z.t.reciprocal(), broadcastMap([scalarNd(1), z.r], BINARY_REFERENCE.Div), { label: 'zeros' });
    }),
    defineCase('Div', 'int32-true-division', 'float32', async ({ values, expect }) => {
      const a = values([5], [7, -7, 1, 0, 5], 'int32');
      const b = values([5], [2, 2, 3, 0, 0], 'int32');
      await expect(a.t.div(b.t), broadcastMap([a.r, b.r], BINARY_REFERENCE.Div));
    }),
    defineCase('Pow', 'fractional-exponent-of-negative', 'float32', async ({ values, expect }) => {
      const a = values([4], [-2, -0.5, -8, -1e-3]);
      const b = values([4], [0.5, 1.5, 1 / 3, 2.5]);
      await expect(a.t.pow(b.t), broadcastMap([a.r, b.r], BINARY_REFERENCE.Pow));
    }),
    defineCase('Pow', 'negative-base-integral-exponent', 'float32', async ({ values, expect }) => {
      const a = values([8], [-2, -2, -3, -0.5, 0, 0, -0, 2]);
      const b = values([8], [3, 2, -1, 4, 0, -1, -1, -1]);
      await expect(a.t.pow(b.t), broadcastMap([a.r, b.r], BINARY_REFERENCE.Pow), { label: 'tensor exponent' });
      const x = values([4], [-3, -1.5, 0, 2]);
      await expect(x.t.pow(2), broadcastMap([x.r, scalarNd(2)], BINARY_REFERENCE.Pow), { label: 'x^2' });
      await expect(x.t.pow(3), broadcastMap([x.r, scalarNd(3)], BINARY_REFERENCE.Pow), { label: 'x^3' });
    }),
    defineCase('Pow', 'ieee-special-values', 'float32', async ({ values, expect }) => {
      // C's pow, which torch calls: x^0 = 1 even for NaN, 1^y = 1 even for NaN (Math.pow says NaN).
      const a = values([8], [NaN, 1, 2, NaN, 0.5, Infinity, -1, 1]);
      const b = values([8], [0, NaN, NaN, 2, Infinity, -1, Infinity, -Infinity]);
      await expect(a.t.pow(b.t), broadcastMap([a.r, b.r], BINARY_REFERENCE.Pow));
    }),
    defineCase('Maximum', 'nan-propagates', 'float32', async ({ values, expect }) => {
      const a = values([5], [NaN, 1, NaN, -Infinity, 0]);
      const b = values([5], [1, NaN, NaN, Infinity, -0]);
      await expect(a.t.maximum(b.t), broadcastMap([a.r, b.r], BINARY_REFERENCE.Maximum));
    }),
    defineCase('Minimum', 'nan-propagates', 'float32', async ({ values, expect }) => {
      const a = values([5], [NaN, 1, NaN, -Infinity, 2]);
      const b = values([5], [1, NaN, NaN, Infinity, -3]);
      await expect(a.t.minimum(b.t), broadcastMap([a.r, b.r], BINARY_REFERENCE.Minimum));
    }),
    ...(['Equal', 'Greater', 'Less'] as const).map((op) =>
      defineCase(op, 'special-values', 'float32', async ({ values, expect }) => {
        // Every comparison with NaN is false; 0 and -0 are equal; infinities compare as numbers.
        const a = values([7], [0, NaN, Infinity, -Infinity, 1, NaN, -Infinity]);
        const b = values([7], [-0, NaN, Infinity, Infinity, NaN, 1, -1e30]);
        await expect(apply[op](a.t, b.t), broadcastMap([a.r, b.r], BINARY_REFERENCE[op]));
      }),
    ),
    defineCase('Add', 'int32-plus-fraction', 'float32', async ({ ints, expect }) => {
      // A fractional JS number next to an int32 tensor is a float32 scalar, so the sum is float32.
      const x = ints([3, 4], -50, 50);
      await expect(x.t.add(0.25), broadcastMap([x.r, scalarNd(0.25)], BINARY_REFERENCE.Add));
    }),
    defineCase('Add', 'float16-plus-float32', 'float32', async ({ randn, expect }) => {
      const a = randn([3, 4], { dtype: 'float16' });
      const b = randn([4], { dtype: 'float32' });
      await expect(a.t.add(b.t), broadcastMap([a.r, b.r], BINARY_REFERENCE.Add));
    }),
    defineCase('Mul', 'float16-overflow', 'float16', async ({ values, expect }) => {
      // 300·300 = 90000 is past float16's 65504: float32 math, then one rounding to half, gives Inf.
      const a = values([3], [300, -300, 200]);
      const b = values([3], [300, 300, 300]);
      await expect(a.t.mul(b.t), broadcastMap([a.r, b.r], BINARY_REFERENCE.Mul));
    }),
  );
  return cases;
}
