import type { BenchCase, InputSpec } from './bench-case.js';
import { sizeOfShape } from './bench-case.js';
import type { Workload } from './workload.js';

const K = 16;
const STRIDE = 8;
const PADDING = 4;

/** W3: HiFi-GAN's first upsampler, weight-normed ConvTranspose1d 512→256, k 16, stride 8, padding 4. */
export const w3ConvTranspose1d: Workload = {
  id: 'W3',
  title: 'weight-normed ConvTranspose1d 512→256 k16 s8 p4, L 1024',
  cases(quick) {
    // --quick: 16→8 channels (onnx/*-c16.onnx are exported for it) and a short signal.
    const CIN = quick ? 16 : 512;
    const COUT = CIN / 2;
    const L = quick ? 8 : 1024;
    const outL = (L - 1) * STRIDE - 2 * PADDING + K;
    return (['train', 'cached'] as const).map((mode): BenchCase => {
      const weights: InputSpec[] =
        mode === 'train'
          ? [
              { name: 'v', shape: [CIN, COUT, K], fill: 'normal' },
              { name: 'g', shape: [CIN, 1, 1], fill: 'positive' },
            ]
          : [{ name: 'w', shape: [CIN, COUT, K], fill: 'normal' }];
      const inputs: InputSpec[] = [{ name: 'x', shape: [1, CIN, L], fill: 'normal' }, ...weights, { name: 'b', shape: [COUT], fill: 'normal' }];
      return {
        id: `w3-conv-transpose1d-${mode}`,
        workload: 'W3',
        label: `convT1d ${mode}`,
        kind: 'conv-transpose1d',
        mode,
        attrs: { stride: STRIDE, padding: PADDING },
        inputs,
        outputShape: [1, COUT, outL],
        // every input sample meets every kernel tap of every output channel once.
        flops: 2 * CIN * COUT * K * L,
        bytes: 4 * (inputs.reduce((s, i) => s + sizeOfShape(i.shape), 0) + COUT * outL),
        metric: 'GFLOP/s',
        tolerance: 1e-3,
      };
    });
  },
};
