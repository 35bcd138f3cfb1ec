import { assignHost, tensor, weightNormAxis, WeightnormError, type Tensor } from '@weightnorm/core';
import { ConvNd } from './layers/conv.js';
import { ConvTransposeNd } from './layers/conv-transpose.js';
import { Linear } from './layers/linear.js';
import { WeightNormWrapper } from './weight-norm.js';

/**
 * TF-Addons' WeightNormalization data_init adds this inside the square root.
 *
 * @example
 * await initWeightNormFromData(layer, batch); // uses sqrt(var + DATA_INIT_EPS)
 */
export const DATA_INIT_EPS = 1e-10;

/** The axis of g that is one output channel, or a reason there is none. */
function outputChannelAxis(w: WeightNormWrapper): number | string {
  const axis = weightNormAxis(w.dim, w.v.ndim, 'initWeightNormFromData');
  const layer = w.layer;
  if (layer instanceof Linear || layer instanceof ConvNd) return axis === 0 ? 0 : 'dim 0 (the output axis of a Linear or Conv weight)';
  if (layer instanceof ConvTransposeNd) {
    // ConvTranspose's weight is [in, out/groups, *k]: axis 1 is an output channel only with one group.
    return axis === 1 && layer.groups === 1 ? 1 : 'dim 1 with groups 1 (the output axis of a ConvTranspose weight)';
  }
  return 'a Linear, Conv or ConvTranspose layer';
}

/**
 * Data-dependent initialization (Salimans & Kingma 2016, §3.2; TF-Addons WeightNormalization
 * with data_init=True): runs the layer on the batch `x` with g = 1 and no bias, giving
 * t = (v·x)/‖v‖ per output channel, then sets g ← 1/σ[t] and bias ← −μ[t]/σ[t], so the layer's
 * output on `x` has zero mean and unit variance per channel.
 *
 * Statistics are over every axis but the channel (batch and positions). σ is the biased
 * (population) standard deviation, σ = sqrt(mean((t − μ)²) + 1e-10), as TF-Addons' tf.nn.moments
 * and the paper use; they are accumulated in float64. A layer without bias only gets g.
 *
 * @example
 * const conv = weightNorm(new Conv1d(80, 512, 7, { padding: 3 }));
 * await initWeightNormFromData(conv, melBatch);
 */
export async function initWeightNormFromData(wrapper: WeightNormWrapper, x: Tensor): Promise<void> {
  const op = 'initWeightNormFromData';
  if (!(wrapper instanceof WeightNormWrapper)) {
    throw new WeightnormError({ op, argument: 'wrapper', allowed: 'a module returned by weightNorm()', received: wrapper });
  }
  const axis = outputChannelAxis(wrapper);
  if (typeof axis === 'string') {
    throw new WeightnormError({ op, argument: 'wrapper', allowed: `a weight norm with one g per output channel: ${axis}`, received: `${wrapper.layer.constructor.name} with dim ${wrapper.dim}` });
  }
  const layer = wrapper.layer;
  const table = layer.parameterTable();
  const g = wrapper.g;
  const bias = table.get('bias') ?? null;
  const channels = g.size;

  const oldG = g.host!.slice();
  const oldBias = bias?.host?.slice() ?? null;
  let stats: { mean: Float64Array; std: Float64Array };
  try {
    await g.assign(tensor(new Float32Array(channels).fill(1), g.shape));
    if (bias) await bias.assign(tensor(new Float32Array(channels), bias.shape));
    const t = wrapper.forward(x);
    const channelAxis = layer instanceof Linear ? t.ndim - 1 : t.ndim === (layer as ConvNd).spatialDims + 1 ? 0 : 1;
    stats = channelStats(await t.data(), t.shape, channelAxis);
  } catch (e) {
    // Leave the layer as it was when the batch does not fit it.
    assignHost(g, oldG);
    if (bias && oldBias) assignHost(bias, oldBias);
    throw e;
  }
  const { mean, std } = stats;
  await g.assign(tensor(Array.from(std, (s) => 1 / s), g.shape));
  if (bias) await bias.assign(tensor(Array.from(mean, (m, i) => -m / std[i]!), bias.shape));
}

/** Per-channel mean and biased std (with TF-Addons' 1e-10 under the root), in float64. */
function channelStats(values: Float32Array, shape: readonly number[], axis: number): { mean: Float64Array; std: Float64Array } {
  const c = shape[axis]!;
  const inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const count = values.length / c;
  const mean = new Float64Array(c);
  for (let i = 0; i < values.length; i++) mean[Math.floor(i / inner) % c]! += values[i]!;
  for (let k = 0; k < c; k++) mean[k]! /= count;
  const variance = new Float64Array(c);
  for (let i = 0; i < values.length; i++) {
    const k = Math.floor(i / inner) % c;
    variance[k]! += (values[i]! - mean[k]!) ** 2;
  }
  return { mean, std: variance.map((v) => Math.sqrt(v / count + DATA_INIT_EPS)) };
}
