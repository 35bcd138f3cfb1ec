import type { BenchCase, InputSpec } from './bench-case.js';
import { sizeOfShape } from './bench-case.js';
import type { Workload } from './workload.js';

const K = 3;

/**
 * W4: one training step of W2 in train mode: forward, then the gradients of
 * loss = Σ conv1d(x, g·v/‖v‖, b) ⊙ r wrt g, v and b (r is a fixed random upstream gradient, so
 * every contender differentiates the same scalar). The output is [∂g (512), ∂v (512·512·3), ∂b (512)]
 * flattened in that order.
 */
export const w4TrainStep: Workload = {
  id: 'W4',
  title: 'training step of W2 (forward + ∂g, ∂v, ∂bias)',
  cases(quick) {
    const C = quick ? 16 : 512;
    const L = quick ? 32 : 8192;
    return [1, 3].map((dilation): BenchCase => {
      const inputs: InputSpec[] = [
        { name: 'x', shape: [1, C, L], fill: 'normal' },
        { name: 'v', shape: [C, C, K], fill: 'normal' },
        { name: 'g', shape: [C, 1, 1], fill: 'positive' },
        { name: 'b', shape: [C], fill: 'normal' },
        { name: 'r', shape: [1, C, L], fill: 'normal' },
      ];
      return {
        id: `w4-train-step-d${dilation}`,
        workload: 'W4',
        label: `train step d${dilation}`,
        kind: 'train-step',
        attrs: { dilation, padding: dilation },
        inputs,
        outputShape: [C + C * C * K + C],
        // forward conv + the weight-gradient conv (x needs no gradient).
        flops: 4 * C * C * K * L,
        bytes: 4 * (inputs.reduce((s, i) => s + sizeOfShape(i.shape), 0) + C * C * K + 2 * C),
        metric: 'GFLOP/s',
        tolerance: 1e-3,
      };
    });
  },
};
