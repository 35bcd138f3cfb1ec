import { HIFIGAN_V1 } from '@weightnorm/hifigan';
import type { BenchCase, HifiganShape, InputSpec } from './bench-case.js';
import { sizeOfShape } from './bench-case.js';
import type { Workload } from './workload.js';

/** jik876/hifi-gan config_v1.json (the generator part), as the example package defines it. */
const V1: HifiganShape = { ...HIFIGAN_V1, resblock: '1', num_mels: HIFIGAN_V1.num_mels ?? 80 };

/** The same architecture, tiny, for --quick. */
const TINY: HifiganShape = { ...V1, upsample_rates: [2, 2], upsample_kernel_sizes: [4, 4], upsample_initial_channel: 16, num_mels: 8 };

/** 1 s of audio at 22050 Hz with hop 256. */
const FRAMES = 86;

/**
 * W5: a HiFi-GAN V1 generator end to end, random weights (fixed seed), on 1 s of mel, in inference
 * (folded weights). Every parameter is an input under its torch state-dict key, so each contender
 * loads the very same weights; the output is the waveform [1, 1, frames · hop].
 */
export const w5Hifigan: Workload = {
  id: 'W5',
  title: 'HiFi-GAN V1 generator on 1 s of mel (random weights)',
  cases(quick) {
    const h = quick ? TINY : V1;
    const frames = quick ? 8 : FRAMES;
    const { params, flops, samples } = hifiganParams(h, frames);
    const inputs: InputSpec[] = [{ name: 'mel', shape: [1, h.num_mels, frames], fill: 'normal' }, ...params];
    return [
      {
        id: 'w5-hifigan-v1',
        workload: 'W5',
        label: quick ? `tiny generator, ${frames} frames` : `V1, 1 s (${frames} frames)`,
        kind: 'hifigan',
        attrs: {},
        hifigan: h,
        inputs,
        outputShape: [1, 1, samples],
        flops,
        bytes: 4 * (inputs.reduce((s, i) => s + sizeOfShape(i.shape), 0) + samples),
        metric: 'GFLOP/s',
        tolerance: 1e-3,
      } satisfies BenchCase,
    ];
  },
};

/** The generator's parameters (keys and shapes as torch names them) and its conv FLOPs. */
export function hifiganParams(h: HifiganShape, frames: number): { params: InputSpec[]; flops: number; samples: number } {
  const params: InputSpec[] = [];
  let flops = 0;
  const wn = (key: string, wShape: number[]): void => {
    params.push({ name: `${key}.weight_g`, shape: [wShape[0]!, 1, 1], fill: 'gain' });
    params.push({ name: `${key}.weight_v`, shape: wShape, fill: 'normal' });
  };
  const conv = (key: string, cin: number, cout: number, k: number, length: number): void => {
    wn(key, [cout, cin, k]);
    params.push({ name: `${key}.bias`, shape: [cout], fill: 'normal' });
    flops += 2 * cout * cin * k * length;
  };
  const c0 = h.upsample_initial_channel;
  let length = frames;
  conv('conv_pre', h.num_mels, c0, 7, length);
  h.upsample_rates.forEach((u, i) => {
    const k = h.upsample_kernel_sizes[i]!;
    const cin = c0 / 2 ** i;
    const cout = cin / 2;
    // ConvTranspose1d weight [in, out, k]; its weight norm's dim 0 is the input channel.
    wn(`ups.${i}`, [cin, cout, k]);
    params.push({ name: `ups.${i}.bias`, shape: [cout], fill: 'normal' });
    flops += 2 * cin * cout * k * length;
    length *= u;
    h.resblock_kernel_sizes.forEach((rk, j) => {
      const n = i * h.resblock_kernel_sizes.length + j;
      h.resblock_dilation_sizes[j]!.forEach((_, m) => {
        conv(`resblocks.${n}.convs1.${m}`, cout, cout, rk, length);
        conv(`resblocks.${n}.convs2.${m}`, cout, cout, rk, length);
      });
    });
  });
  conv('conv_post', c0 / 2 ** h.upsample_rates.length, 1, 7, length);
  return { params, flops, samples: length };
}
