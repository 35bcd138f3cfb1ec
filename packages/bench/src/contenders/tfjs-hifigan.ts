import type * as TF from '@tensorflow/tfjs';
import type { BenchCase } from '../workloads/bench-case.js';
import { foldWeightNorm } from '../workloads/fold-weight-norm.js';

type Tf = typeof TF;

/**
 * W5 in tfjs, channels-last: jik876/hifi-gan's Generator.forward with the weights folded once and
 * put into tfjs's layouts at prepare time. Returns the forward function and the tensors to free.
 */
export function tfjsHifigan(tf: Tf, c: BenchCase, inputs: ReadonlyMap<string, Float32Array>): { forward: () => TF.Tensor; held: TF.Tensor[] } {
  const h = c.hifigan!;
  const held: TF.Tensor[] = [];
  const w = new Map<string, TF.Tensor>();
  const b = new Map<string, TF.Tensor>();
  for (const s of c.inputs) {
    if (!s.name.endsWith('.weight_v')) continue;
    const key = s.name.slice(0, -'.weight_v'.length);
    const folded = foldWeightNorm(inputs.get(s.name)!, inputs.get(`${key}.weight_g`)!, s.shape[0]!);
    // conv [O, I, K] → [K, I, O]; convT [I, O, K] → conv2dTranspose's [1, K, O, I].
    const t = tf.tidy(() => {
      const k = tf.tensor(folded, [...s.shape]).transpose([2, 1, 0]);
      return key.startsWith('ups.') ? k.expandDims(0) : k;
    });
    w.set(key, t);
    b.set(key, tf.tensor(inputs.get(`${key}.bias`)!));
    held.push(t, b.get(key)!);
  }
  const melShape = c.inputs.find((s) => s.name === 'mel')!.shape;
  const mel = tf.tidy(() => tf.tensor(inputs.get('mel')!, [...melShape]).transpose([0, 2, 1]));
  held.push(mel);
  const conv = (x: TF.Tensor, key: string, dilation = 1): TF.Tensor =>
    tf.conv1d(x as TF.Tensor3D, w.get(key)! as TF.Tensor3D, 1, 'same', 'NWC', dilation).add(b.get(key)!);
  const nk = h.resblock_kernel_sizes.length;

  const forward = (): TF.Tensor => {
    let x = conv(mel, 'conv_pre');
    h.upsample_rates.forEach((u, i) => {
      const k = h.upsample_kernel_sizes[i]!;
      const p = (k - u) / 2;
      const filter = w.get(`ups.${i}`)! as TF.Tensor4D;
      const length = (x.shape[1]! - 1) * u - 2 * p + k;
      const up = tf.conv2dTranspose(tf.leakyRelu(x, 0.1).expandDims(1) as TF.Tensor4D, filter, [1, 1, length, filter.shape[2]], [1, u], [[0, 0], [0, 0], [p, p], [0, 0]]);
      x = up.squeeze([1]).add(b.get(`ups.${i}`)!);
      let xs: TF.Tensor | null = null;
      h.resblock_dilation_sizes.forEach((dils, j) => {
        const r = `resblocks.${i * nk + j}`;
        let y = x;
        dils.forEach((d, m) => {
          const xt = conv(tf.leakyRelu(conv(tf.leakyRelu(y, 0.1), `${r}.convs1.${m}`, d), 0.1), `${r}.convs2.${m}`);
          y = xt.add(y);
        });
        xs = xs === null ? y : xs.add(y);
      });
      x = xs!.div(nk);
    });
    // torch's default slope 0.01 before conv_post, as the original.
    return conv(tf.leakyRelu(x, 0.01), 'conv_post').tanh();
  };
  return { forward, held };
}
