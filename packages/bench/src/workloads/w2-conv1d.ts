import type { BenchCase, InputSpec } from './bench-case.js';
import { sizeOfShape } from './bench-case.js';
import type { Workload } from './workload.js';

const K = 3;

/** W2: weight-normed Conv1d 512→512, k 3, 'same' padding, batch 1, dilation 1 and 3, train and cached. */
export const w2Conv1d: Workload = {
  id: 'W2',
  title: 'weight-normed Conv1d 512→512 k3, L 8192',
  cases(quick) {
    // --quick: 16 channels (onnx/*-c16.onnx are exported for it) and a short signal.
    const C = quick ? 16 : 512;
    const L = quick ? 32 : 8192;
    const cases: BenchCase[] = [];
    for (const dilation of [1, 3]) {
      for (const mode of ['train', 'cached'] as const) {
        const weights: InputSpec[] =
          mode === 'train'
            ? [
                { name: 'v', shape: [C, C, K], fill: 'normal' },
                { name: 'g', shape: [C, 1, 1], fill: 'positive' },
              ]
            : [{ name: 'w', shape: [C, C, K], fill: 'normal' }];
        const inputs: InputSpec[] = [{ name: 'x', shape: [1, C, L], fill: 'normal' }, ...weights, { name: 'b', shape: [C], fill: 'normal' }];
        cases.push({
          id: `w2-conv1d-d${dilation}-${mode}`,
          workload: 'W2',
          label: `conv1d d${dilation} ${mode}`,
          kind: 'conv1d',
          mode,
          attrs: { dilation, padding: dilation },
          inputs,
          outputShape: [1, C, L],
          flops: 2 * C * C * K * L,
          bytes: 4 * (inputs.reduce((s, i) => s + sizeOfShape(i.shape), 0) + C * L),
          metric: 'GFLOP/s',
          tolerance: 1e-3,
        });
      }
    }
    return cases;
  },
};
