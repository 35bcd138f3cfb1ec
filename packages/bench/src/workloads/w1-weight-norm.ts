import type { BenchCase } from './bench-case.js';
import { sizeOfShape } from './bench-case.js';
import type { Workload } from './workload.js';

const FULL = [[64, 32, 3], [512, 512, 3], [4096, 4096]];
const QUICK = [[8, 4, 3], [16, 16, 3], [32, 24]];

/** W1: w = g · v / ‖v‖ along dim 0 alone — memory-bound, so it reports GB/s. */
export const w1WeightNorm: Workload = {
  id: 'W1',
  title: 'weight norm alone, dim 0',
  cases(quick) {
    return (quick ? QUICK : FULL).map((shape, i): BenchCase => {
      const n = sizeOfShape(shape);
      return {
        id: `w1-weight-norm-${FULL[i]!.join('x')}`,
        workload: 'W1',
        label: `v ${shape.join('×')}`,
        kind: 'weight-norm',
        attrs: {},
        inputs: [
          { name: 'v', shape, fill: 'normal' },
          { name: 'g', shape: [shape[0]!, ...shape.slice(1).map(() => 1)], fill: 'positive' },
        ],
        outputShape: shape,
        // square-accumulate (2) and scale (1) per element.
        flops: 3 * n,
        // read v, write w (g is negligible).
        bytes: 8 * n + 4 * shape[0]!,
        metric: 'GB/s',
        tolerance: 1e-5,
      };
    });
  },
};
