import { gradsOf } from '../../autodiff/grads-of.js';
import type { Tensor } from '../../ir/tensor.js';
import { leakyRelu } from '../../ops/activations.js';
import { conv } from '../../ops/conv.js';
import { convTranspose } from '../../ops/conv-transpose.js';
import { padTorch } from '../../ops/movement.js';
import { normalizeWeight } from '../../ops/weight-norm.js';
import type { CaseTools } from '../case-tools.js';
import { defineCase, type ConformanceCase } from '../conformance-case.js';
import { evaluateReference } from '../reference/evaluate-reference.js';

/** float32 gradients run through a conv and a norm: ~10 float32 roundings deep, judged at 1e-4. */
const TOLERANCE = { rtol: 1e-4, atolScale: 1e-5 };

interface GradCase {
  variant: string;
  /** Builds the scalar to differentiate and the tensors to differentiate it by. */
  build: (tools: CaseTools) => { out: Tensor; wrt: Tensor[] };
}

function secondOrder(tools: CaseTools, f: (...xs: Tensor[]) => Tensor, xs: Tensor[]): { out: Tensor; wrt: Tensor[] } {
  const y = f(...xs);
  const gs = gradsOf(y.mul(tools.randn(y.shape).t).sum(), xs);
  return { out: gs.map((g) => g.mul(tools.randn(g.shape).t).sum()).reduce((a, b) => a.add(b)), wrt: xs };
}

const CASES: readonly GradCase[] = [
  {
    variant: 'weight-normed-conv-groups-stride-dilation-asym-pad',
    build: ({ randn, uniform }) => {
      const xs = [randn([6, 2, 3]).t, uniform([6, 1, 1], 0.5, 1.5).t, randn([2, 4, 13]).t, randn([6]).t];
      const w = normalizeWeight(xs[0]!, xs[1]!, { dim: 0 });
      const y = leakyRelu(conv(xs[2]!, w, xs[3]!, { padding: [[2, 1]], stride: 2, dilation: 2, groups: 2 }), 0.1);
      return { out: y.square().sum(), wrt: xs };
    },
  },
  {
    variant: 'weight-normed-conv1d-one-group',
    build: ({ randn, uniform }) => {
      const xs = [randn([5, 3, 3]).t, uniform([5, 1, 1], 0.5, 1.5).t, randn([2, 3, 11]).t, randn([5]).t];
      const y = conv(xs[2]!, normalizeWeight(xs[0]!, xs[1]!, { dim: 0 }), xs[3]!, { padding: 1, stride: 2 });
      return { out: y.tanh().sum(), wrt: xs };
    },
  },
  {
    variant: 'weight-normed-convTranspose-dim1-outputPadding-groups',
    build: ({ randn, uniform }) => {
      const xs = [randn([4, 3, 4]).t, uniform([1, 3, 1], 0.5, 1.5).t, randn([2, 4, 5]).t];
      const w = normalizeWeight(xs[0]!, xs[1]!, { dim: 1 });
      return { out: convTranspose(xs[2]!, w, null, { stride: 3, padding: 1, outputPadding: 2, dilation: 2, groups: 2 }).tanh().sum(), wrt: xs };
    },
  },
  {
    variant: 'weight-normed-convTranspose-hifigan',
    build: ({ randn, uniform }) => {
      const xs = [randn([4, 3, 8]).t, uniform([4, 1, 1], 0.5, 1.5).t, randn([1, 4, 5]).t, randn([3]).t];
      const w = normalizeWeight(xs[0]!, xs[1]!, { dim: 0 });
      return { out: convTranspose(xs[2]!, w, xs[3]!, { stride: 4, padding: 2 }).sigmoid().sum(), wrt: xs };
    },
  },
  {
    variant: 'reflect-padded-conv2d-whole-tensor-norm',
    build: ({ randn, uniform }) => {
      const xs = [randn([3, 2, 3, 2]).t, uniform([], 1, 2).t, randn([1, 2, 5, 6]).t];
      const w = normalizeWeight(xs[0]!, xs[1]!, { dim: null });
      return { out: conv(padTorch(xs[2]!, [1, 1, 2, 0], { mode: 'reflect' }), w, null).sigmoid().sum(), wrt: xs };
    },
  },
  {
    variant: 'second-order-through-fused-backward-and-conv',
    build: (tools) =>
      secondOrder(
        tools,
        (v, g, x) => conv(x, normalizeWeight(v, g, { dim: 0 }), null, { padding: 1 }).tanh(),
        [tools.randn([3, 2, 3]).t, tools.uniform([3, 1, 1], 0.5, 1.5).t, tools.randn([1, 2, 7]).t],
      ),
  },
];

/**
 * Reverse mode on the selected backend: gradients of small weight-normed conv graphs (and one
 * second-order case) against the same gradient graphs interpreted in float64. Tagged WeightNorm,
 * which every one of these graphs contains. Not part of
 * conformanceCases(); a backend's test runs these next to it once its training path is wanted.
 *
 * @example
 * for (const c of gradientCases()) it(c.name, () => c.run());
 */
export function gradientCases(): ConformanceCase[] {
  return CASES.map((c) =>
    defineCase('WeightNorm', `reverse-mode-${c.variant}`, 'float32', async (tools) => {
      const { out, wrt } = c.build(tools);
      const grads = gradsOf(out, wrt);
      const want = evaluateReference(grads);
      for (let i = 0; i < grads.length; i++) {
        await tools.expect(grads[i]!, want[i]!, { tolerance: TOLERANCE, label: `grad ${i}` });
      }
    }),
  );
}
