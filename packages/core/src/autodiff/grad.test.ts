import { afterAll, describe, expect, it } from 'vitest';
import type { OpName } from '../backend/ops.js';
import { WeightnormError } from '../errors/index.js';
import type { Tensor } from '../ir/tensor.js';
import { tensor } from '../ops/create.js';
import { conv } from '../ops/conv.js';
import { convTranspose } from '../ops/conv-transpose.js';
import { where } from '../ops/elementwise.js';
import { concat, flip, narrow, pad, sliceRaw } from '../ops/movement.js';
import { leakyRelu, gelu, silu } from '../ops/activations.js';
import { matmul } from '../ops/matmul.js';
import { normalizeWeight } from '../ops/weight-norm.js';
import { checkGradients } from '../testing/check-gradients.js';
import { createRandom, seedFrom } from '../testing/random.js';
import { evaluateReference } from '../testing/reference/evaluate-reference.js';
import { nd, type NdArray } from '../testing/reference/nd-array.js';
import { grad, valueAndGrad } from './grad.js';
import { gradsOf } from './grads-of.js';
import { weightNormBackward } from './weight-norm-backward.js';
import { VJPS, vjpOf } from './vjp-table.js';
import type { VjpRule } from './vjp-rule.js';

/** Random inputs for a case, seeded from its name; `lo`/`hi` keep them off kinks and poles. */
function inputs(name: string, shapes: readonly (readonly number[])[], lo = -2, hi = 2): NdArray[] {
  const rng = createRandom(seedFrom(name));
  return shapes.map((s) => {
    const size = s.reduce((a, b) => a * b, 1);
    return nd(s, Array.from({ length: size }, () => Math.fround(lo + (hi - lo) * rng.uniform())));
  });
}

interface Case {
  name: string;
  shapes: number[][];
  fn: (...xs: Tensor[]) => Tensor;
  lo?: number;
  hi?: number;
}

const FIRST_ORDER: Case[] = [
  { name: 'neg', shapes: [[3, 2]], fn: (x) => x.neg() },
  { name: 'abs', shapes: [[5]], fn: (x) => x.abs(), lo: 0.5 },
  { name: 'abs-negative', shapes: [[5]], fn: (x) => x.abs(), lo: -2, hi: -0.5 },
  { name: 'sign', shapes: [[4]], fn: (x) => x.sign().mul(x) },
  { name: 'sqrt', shapes: [[4]], fn: (x) => x.sqrt(), lo: 0.5, hi: 3 },
  { name: 'exp', shapes: [[4]], fn: (x) => x.exp() },
  { name: 'log', shapes: [[4]], fn: (x) => x.log(), lo: 0.5, hi: 3 },
  { name: 'sin-cos', shapes: [[4]], fn: (x) => x.sin().add(x.cos()) },
  { name: 'tanh', shapes: [[4]], fn: (x) => x.tanh() },
  { name: 'sigmoid', shapes: [[4]], fn: (x) => x.sigmoid() },
  { name: 'erf-gelu', shapes: [[5]], fn: (x) => gelu(x) },
  { name: 'gelu-tanh', shapes: [[5]], fn: (x) => gelu(x, 'tanh') },
  { name: 'silu', shapes: [[5]], fn: (x) => silu(x) },
  { name: 'add-broadcast', shapes: [[2, 3], [3]], fn: (a, b) => a.add(b) },
  { name: 'sub-broadcast', shapes: [[2, 1], [1, 3]], fn: (a, b) => a.sub(b) },
  { name: 'mul-broadcast', shapes: [[2, 3, 2], [3, 1]], fn: (a, b) => a.mul(b) },
  { name: 'div', shapes: [[2, 3], [2, 3]], fn: (a, b) => a.div(b), lo: 0.5, hi: 2 },
  { name: 'pow', shapes: [[3], [3]], fn: (a, b) => a.pow(b), lo: 0.5, hi: 2 },
  { name: 'pow-scalar', shapes: [[3]], fn: (a) => a.pow(3) },
  { name: 'maximum-minimum', shapes: [[6], [6]], fn: (a, b) => a.maximum(b).add(a.minimum(b).mul(3)) },
  { name: 'relu', shapes: [[6]], fn: (x) => x.relu() },
  { name: 'leaky-relu-where', shapes: [[6]], fn: (x) => leakyRelu(x, 0.1) },
  { name: 'where-broadcast', shapes: [[2, 3], [3]], fn: (a, b) => where(a.gt(0), a.mul(b), b) },
  { name: 'cast', shapes: [[3]], fn: (x) => x.cast('float16').mul(x) },
  { name: 'sum-axes', shapes: [[2, 3, 4]], fn: (x) => x.sum([0, 2]).mul(x.sum(1, true).sum()) },
  { name: 'mean', shapes: [[2, 3]], fn: (x) => x.mean(1).square() },
  { name: 'max', shapes: [[3, 4]], fn: (x) => x.max(1) },
  { name: 'reshape-permute', shapes: [[2, 3, 4]], fn: (x) => x.reshape([6, 4]).transpose(0, 1).permute([1, 0]).mul(x.reshape([6, 4])) },
  { name: 'expand', shapes: [[3, 1]], fn: (x) => x.expand([2, 3, 4]).mul(x.expand([2, 3, 4])) },
  { name: 'narrow-flip', shapes: [[4, 5]], fn: (x) => flip(narrow(x, 1, 1, 3), [0, 1]).square() },
  { name: 'slice-strided', shapes: [[7, 5]], fn: (x) => sliceRaw(x, [6, 0], [-2, 2], [3, 3]).square() },
  { name: 'pad-constant', shapes: [[2, 3]], fn: (x) => pad(x, [[1, 0], [2, 1]], { value: 0.5 }).square() },
  { name: 'pad-reflect', shapes: [[3, 4]], fn: (x) => pad(x, [[2, 1], [1, 3]], { mode: 'reflect' }).square() },
  { name: 'pad-replicate', shapes: [[3, 4]], fn: (x) => pad(x, [[2, 1], [1, 3]], { mode: 'replicate' }).square() },
  { name: 'pad-circular', shapes: [[3, 4]], fn: (x) => pad(x, [[2, 1], [1, 3]], { mode: 'circular' }).square() },
  { name: 'concat', shapes: [[2, 3], [2, 1]], fn: (a, b) => concat([a, b, a], 1).square() },
  { name: 'matmul-2d', shapes: [[3, 4], [4, 2]], fn: (a, b) => matmul(a, b) },
  { name: 'matmul-batched-broadcast', shapes: [[2, 3, 4], [4, 2]], fn: (a, b) => matmul(a, b) },
  { name: 'matmul-vector', shapes: [[4], [4, 2]], fn: (a, b) => matmul(a, b) },
];

const CONV: Case[] = [
  { name: 'conv1d-bias', shapes: [[2, 3, 7], [4, 3, 3], [4]], fn: (x, w, b) => conv(x, w, b, { padding: 1 }) },
  { name: 'conv1d-stride-unreached-tail', shapes: [[1, 2, 8], [3, 2, 3]], fn: (x, w) => conv(x, w, null, { stride: 2 }) },
  { name: 'conv1d-stride-dilation-asym-pad', shapes: [[2, 2, 9], [2, 2, 3]], fn: (x, w) => conv(x, w, null, { stride: 2, dilation: 2, padding: [[3, 1]] }) },
  { name: 'conv1d-same-even-kernel', shapes: [[1, 2, 6], [3, 2, 4]], fn: (x, w) => conv(x, w, null, { padding: 'same' }) },
  { name: 'conv1d-groups', shapes: [[2, 4, 6], [6, 2, 3], [6]], fn: (x, w, b) => conv(x, w, b, { groups: 2, padding: 2, dilation: 2 }) },
  { name: 'conv1d-depthwise-big-pad', shapes: [[1, 3, 4], [3, 1, 2]], fn: (x, w) => conv(x, w, null, { groups: 3, padding: [[0, 4]], stride: 3 }) },
  { name: 'conv2d-groups-stride', shapes: [[1, 4, 5, 4], [4, 2, 3, 2], [4]], fn: (x, w, b) => conv(x, w, b, { groups: 2, stride: [2, 1], padding: [[1, 0], [0, 1]], dilation: [1, 2] }) },
  { name: 'conv3d', shapes: [[1, 2, 3, 4, 3], [2, 2, 2, 2, 2]], fn: (x, w) => conv(x, w, null, { stride: [1, 2, 1], padding: 1 }) },
  { name: 'convT1d-bias', shapes: [[2, 3, 4], [3, 2, 3], [2]], fn: (x, w, b) => convTranspose(x, w, b, { stride: 2, padding: 1, outputPadding: 1 }) },
  { name: 'convT1d-groups-dilation', shapes: [[1, 4, 4], [4, 3, 3]], fn: (x, w) => convTranspose(x, w, null, { stride: 3, padding: 1, outputPadding: 2, dilation: 2, groups: 2 }) },
  { name: 'convT1d-outpad-from-dilation', shapes: [[1, 2, 3], [2, 2, 2]], fn: (x, w) => convTranspose(x, w, null, { stride: 1, dilation: 3, outputPadding: 2 }) },
  { name: 'convT1d-hifigan', shapes: [[1, 2, 3], [2, 2, 8]], fn: (x, w) => convTranspose(x, w, null, { stride: 4, padding: 2 }) },
  { name: 'convT2d', shapes: [[1, 4, 3, 2], [4, 1, 2, 3], [2]], fn: (x, w, b) => convTranspose(x, w, b, { stride: [2, 1], padding: [1, 0], outputPadding: [1, 0], groups: 2 }) },
  { name: 'convT3d', shapes: [[1, 2, 2, 2, 2], [2, 1, 2, 2, 2]], fn: (x, w) => convTranspose(x, w, null, { stride: 2 }) },
];

const WEIGHT_NORM: Case[] = [
  { name: 'weight-norm-dim0', shapes: [[3, 2, 2], [3, 1, 1]], fn: (v, g) => normalizeWeight(v, g, { dim: 0 }) },
  { name: 'weight-norm-dim1', shapes: [[2, 3, 2], [1, 3, 1]], fn: (v, g) => normalizeWeight(v, g, { dim: 1 }) },
  { name: 'weight-norm-dim-null', shapes: [[2, 3], []], fn: (v, g) => normalizeWeight(v, g, { dim: null }) },
  { name: 'weight-norm-dim-last', shapes: [[2, 3], [1, 3]], fn: (v, g) => normalizeWeight(v, g, { dim: 1 }) },
  { name: 'weight-norm-eps', shapes: [[3, 2], [3, 1]], fn: (v, g) => normalizeWeight(v, g, { dim: 0, eps: 0.3 }) },
  {
    // The fused backward pair on its own: its vjps are what double backward runs.
    name: 'weight-norm-backward-pair-dim0',
    shapes: [[3, 2, 2], [3, 1, 1], [3, 2, 2]],
    fn: (v, g, gw) => {
      const { gradV, gradG } = weightNormBackward(v, g, gw, { dim: 0 });
      return concat([gradV.flatten(), gradG.flatten()]);
    },
  },
  {
    name: 'weight-norm-backward-pair-dim-null-eps',
    shapes: [[2, 3], [], [2, 3]],
    fn: (v, g, gw) => {
      const { gradV, gradG } = weightNormBackward(v, g, gw, { dim: null, eps: 0.2 });
      return concat([gradV.flatten(), gradG.reshape([1])]);
    },
  },
  {
    name: 'weight-norm-conv',
    shapes: [[3, 2, 3], [3, 1, 1], [1, 2, 6]],
    fn: (v, g, x) => conv(x, normalizeWeight(v, g, { dim: 0 }), null, { padding: 1 }).tanh(),
  },
];

const worst = { first: 0, second: 0, third: 0 };
afterAll(() =>
  console.log(
    `largest |reverse − finite differences| / (|fd| + 1e-3·max|fd|), float64: first order ${worst.first.toExponential(2)}, ` +
      `second order ${worst.second.toExponential(2)}, third order ${worst.third.toExponential(2)}`,
  ),
);

describe('reverse mode against float64 central differences', () => {
  for (const c of [...FIRST_ORDER, ...CONV, ...WEIGHT_NORM]) {
    it(c.name, () => {
      const r = checkGradients(c.fn, inputs(c.name, c.shapes, c.lo, c.hi), { name: c.name });
      worst.first = Math.max(worst.first, r.maxRelError);
      expect(r.maxRelError).toBeLessThan(1e-6);
    });
  }
});

/** x ↦ Σ ∂(Σ fn(x)·r)/∂x_k · s_k: its gradient is a Hessian-vector product, checked the same way. */
function firstOrderProjected(fn: (...xs: Tensor[]) => Tensor, shapes: readonly (readonly number[])[], name: string) {
  const rng = createRandom(seedFrom(`${name}-projections`));
  const rand = (s: readonly number[]) => tensor(Array.from({ length: s.reduce((a, b) => a * b, 1) }, () => rng.normal()), s);
  return (...xs: Tensor[]) => {
    const out = fn(...xs);
    const r = rand(out.shape);
    const gs = gradsOf(out.mul(r).sum(), xs);
    return gs.map((g, i) => g.mul(rand(shapes[i]!)).sum()).reduce((a, b) => a.add(b));
  };
}

describe('second order (gradients of gradients) against float64 central differences', () => {
  const cases: Case[] = [
    ...WEIGHT_NORM,
    { name: 'weight-norm-dim0-4d', shapes: [[3, 2, 2, 2], [3, 1, 1, 1]], fn: (v, g) => normalizeWeight(v, g, { dim: 0 }) },
    { name: 'tanh-mul', shapes: [[4], [4]], fn: (a, b) => a.tanh().mul(b).mul(a) },
    { name: 'div-sqrt-log', shapes: [[3], [3]], fn: (a, b) => a.sqrt().div(b).add(b.log()), lo: 0.5, hi: 2 },
    { name: 'sigmoid-erf', shapes: [[4]], fn: (x) => x.sigmoid().mul(x.erf()) },
    CONV[2]!,
    CONV[4]!,
    CONV[9]!,
    { name: 'matmul-square', shapes: [[3, 4], [4, 2]], fn: (a, b) => matmul(a, b).square() },
    { name: 'pad-reflect-square', shapes: [[3, 4]], fn: (x) => pad(x, [[2, 1], [1, 3]], { mode: 'reflect' }).mul(x.sum()) },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const r = checkGradients(firstOrderProjected(c.fn, c.shapes, c.name), inputs(c.name, c.shapes, c.lo, c.hi), { name: `${c.name}-2nd` });
      worst.second = Math.max(worst.second, r.maxRelError);
      expect(r.maxRelError).toBeLessThan(1e-6);
    });
  }

  it('third order through the fused weight-norm backward', () => {
    const wn = (v: Tensor, g: Tensor) => normalizeWeight(v, g, { dim: 0 });
    const second = firstOrderProjected(wn, [[3, 2], [3, 1]], 'wn3');
    const third = firstOrderProjected(second, [[3, 2], [3, 1]], 'wn3b');
    const r = checkGradients(third, inputs('wn3', [[3, 2], [3, 1]]), { name: 'wn-3rd', tolerance: 1e-5 });
    worst.third = r.maxRelError;
    expect(r.maxRelError).toBeLessThan(1e-5);
  });
});

describe('the checker itself', () => {
  it('fails when a vjp is wrong', () => {
    const table = VJPS as Record<string, VjpRule>;
    const right = table.Tanh!;
    table.Tanh = (n, c) => [c.mul(n.mul(n).neg().add(1.001))];
    try {
      expect(() => checkGradients((x) => x.tanh(), inputs('bad', [[4]]), { name: 'bad' })).toThrow(/gradient mismatch/);
    } finally {
      table.Tanh = right;
    }
  });
});

describe('autodiff API', () => {
  it('grad and valueAndGrad trace fn on the given tensors', () => {
    const x = tensor([1, 2, 3], [3]);
    const { value, grads } = valueAndGrad((t) => t.mul(t).mul(t).sum())(x);
    const [v, gx] = evaluateReference([value, grads[0]!]);
    expect(v!.data[0]).toBe(36);
    expect(Array.from(gx!.data)).toEqual([3, 12, 27]);
    const [d2] = grad((t) => grad((u) => u.mul(u).mul(u).sum())(t)[0]!.sum())(x);
    expect(Array.from(evaluateReference([d2!])[0]!.data)).toEqual([6, 12, 18]);
  });

  it('routes the weight-norm gradient through the fused backward pair', () => {
    const v = tensor([1, 2, 3, 4, 5, 6], [2, 3]);
    const g = tensor([1, 2], [2, 1]);
    const [gv, gg] = gradsOf(normalizeWeight(v, g).sum(), [v, g]);
    expect(gv!.op).toBe('WeightNormGradV');
    expect(gg!.op).toBe('WeightNormGradG');
  });

  it('gives zeros for an input the output does not use, and sums over shared uses', () => {
    const x = tensor([1, 2], [2]);
    const y = tensor([5, 6], [2]);
    const [gx, gy] = gradsOf(x.add(x).sum(), [x, y]);
    const [a, b] = evaluateReference([gx!, gy!]);
    expect(Array.from(a!.data)).toEqual([2, 2]);
    expect(Array.from(b!.data)).toEqual([0, 0]);
  });

  it('rejects a non-scalar output without a cotangent, and an op with no vjp by name', () => {
    const x = tensor([1, 2], [2]);
    expect(() => gradsOf(x.mul(2), [x])).toThrow(/grad: output must be a one-element tensor/);
    expect(() => vjpOf('Fft' as OpName)).toThrow(WeightnormError);
    expect(() => vjpOf('Fft' as OpName)).toThrow(/Fft, which has no vjp/);
  });
});
