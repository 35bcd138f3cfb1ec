import { evaluate } from '../../ir/evaluate.js';
import { leakyRelu } from '../../ops/activations.js';
import { conv } from '../../ops/conv.js';
import { convTranspose } from '../../ops/conv-transpose.js';
import { tensor } from '../../ops/create.js';
import { defineCase, type ConformanceCase } from '../conformance-case.js';
import { BINARY_REFERENCE, broadcastMap, scalarNd, unaryMap } from '../reference/elementwise.js';
import { convRef } from '../reference/conv.js';
import { convTransposeRef } from '../reference/conv-transpose.js';
import { nd } from '../reference/nd-array.js';
import { maxRef, sumRef } from '../reference/reduce.js';

/** Whole graphs, repeated evaluation, and the tensors at the edges: zero-size and 0-d. */
export function graphCases(): ConformanceCase[] {
  return [
    defineCase('Conv', 'chained-graph-two-targets', 'float32', async ({ randn, expect }) => {
      const x = randn([2, 3, 16]);
      const w1 = randn([4, 3, 3], { scale: 0.5 });
      const b1 = randn([4]);
      const w2 = randn([4, 3, 4], { scale: 0.5 });
      const b2 = randn([3]);
      // `s` feeds both targets, so it is computed once and read by two consumers.
      const s = conv(x.t, w1.t, b1.t, { padding: 1 });
      const up = convTranspose(leakyRelu(s, 0.1), w2.t, b2.t, { stride: 2, padding: 1 });
      const a = up.tanh();
      const b = s.mul(s).sum(2);
      await evaluate(a, b);

      const sr = convRef(x.r, w1.r, b1.r, { stride: [1], padding: [[1, 1]], dilation: [1], groups: 1 });
      const lr = unaryMap(sr, (v) => (v > 0 ? v : 0.1 * v));
      const ur = convTransposeRef(lr, w2.r, b2.r, { stride: [2], padding: [1], outputPadding: [0], dilation: [1], groups: 1 });
      await expect(a, unaryMap(ur, Math.tanh), { label: 'conv → leakyRelu → convTranspose → tanh' });
      await expect(b, sumRef(unaryMap(sr, (v) => v * v), [2]), { label: 'sum of squares of the shared conv' });
    }),
    defineCase('Where', 'elementwise-chain', 'float32', async ({ randn, expect }) => {
      // Every binary op and Where in one chain whose intermediates nothing else reads: a backend
      // with a chain runner gets it whole (leaky ReLU, a residual add, comparisons as 1/0).
      const x = randn([3, 40]);
      const r = randn([3, 40]);
      const y = leakyRelu(x.t, 0.1)
        .add(r.t)
        .mul(2)
        .sub(x.t.gt(r.t))
        .add(x.t.lt(0))
        .add(x.t.eq(r.t))
        .div(x.t.maximum(r.t).minimum(1).add(3));
      const B = BINARY_REFERENCE;
      const lrelu = unaryMap(x.r, (v) => (v > 0 ? v : 0.1 * v));
      const head = broadcastMap([lrelu, r.r, x.r], (l, rv, xv) => B.Sub(B.Mul(B.Add(l, rv), 2), B.Greater(xv, rv)));
      const body = broadcastMap([head, x.r, r.r], (h, xv, rv) => B.Add(B.Add(h, B.Less(xv, 0)), B.Equal(xv, rv)));
      const den = broadcastMap([x.r, r.r], (xv, rv) => B.Add(B.Minimum(B.Maximum(xv, rv), 1), 3));
      await expect(y, broadcastMap([body, den], B.Div));
    }),
    defineCase('Add', 'evaluate-twice', 'float32', async ({ randn, expect }) => {
      const x = randn([3, 7]);
      const t = x.t.exp().add(1);
      const first = await t.data();
      const second = await t.data();
      const same = first.length === second.length && first.every((v, i) => Object.is(v, second[i]));
      if (!same) throw new Error('Add/evaluate-twice/float32: the second data() differs from the first');
      await expect(t, unaryMap(x.r, (v) => Math.exp(v) + 1));
    }),
    defineCase('Exp', 'intermediate-across-evaluations', 'float32', async ({ randn, expect }) => {
      // `s` is freed after the first evaluation (it was not a target), so the second recomputes it.
      const x = randn([2, 5]);
      const s = x.t.exp();
      await expect(s.add(1), unaryMap(x.r, (v) => Math.exp(v) + 1), { label: 'exp + 1' });
      await expect(s.mul(2), unaryMap(x.r, (v) => Math.exp(v) * 2), { label: 'exp · 2' });
    }),
    defineCase('Add', 'zero-size', 'float32', async ({ randn, expect }) => {
      const a = tensor([], [0, 3]);
      const b = randn([3]);
      await expect(a.add(b.t), nd([0, 3]));
    }),
    defineCase('Sum', 'zero-size', 'float32', async ({ expect }) => {
      const a = tensor([], [0, 3]);
      await expect(a.sum(0), nd([3]), { label: 'over the empty axis' });
      await expect(a.sum(1), nd([0]), { label: 'to an empty result' });
      await expect(a.sum(), nd([]), { label: 'all' });
    }),
    defineCase('Max', 'zero-size', 'float32', async ({ expect }) => {
      // ops.ts: the max over an empty axis is -Infinity (torch raises; core lets it through).
      const a = tensor([], [0, 3]);
      await expect(a.max(0), maxRef(nd([0, 3]), [0]), { label: 'over the empty axis' });
      await expect(a.max(1), nd([0]), { label: 'to an empty result' });
    }),
    defineCase('Mul', '0-d', 'float32', async ({ values, randn, expect }) => {
      const a = values([], [3]);
      const b = values([], [-2.5]);
      const m = randn([2, 3]);
      await expect(a.t.mul(b.t), broadcastMap([a.r, b.r], BINARY_REFERENCE.Mul), { label: '0-d · 0-d' });
      await expect(m.t.mul(b.t), broadcastMap([m.r, b.r], BINARY_REFERENCE.Mul), { label: '[2, 3] · 0-d' });
      await expect(a.t.mul(4), broadcastMap([a.r, scalarNd(4)], BINARY_REFERENCE.Mul), { label: '0-d · number' });
    }),
    defineCase('Exp', '0-d', 'float32', async ({ values, expect }) => {
      const a = values([], [0.75]);
      await expect(a.t.exp(), unaryMap(a.r, Math.exp));
    }),
  ];
}
