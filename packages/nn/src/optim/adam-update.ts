import { type Tensor } from '@weightnorm/core';
import type { Update } from './optimizer.js';

export interface AdamHyper {
  lr: number;
  betas: readonly [number, number];
  eps: number;
  weight_decay: number;
  amsgrad: boolean;
  maximize: boolean;
}

/**
 * torch 1.13's _single_tensor_adam / _single_tensor_adamw, line for line: `decoupled` is AdamW
 * (p ← p·(1 − lr·wd) first), otherwise weight decay is added to the gradient. The bias
 * corrections are formed in float64 from the step count, as torch does with `step_t.item()`.
 */
export function adamUpdate(
  p: Tensor,
  grad: Tensor,
  state: { step: number; buffers: Record<string, Tensor> },
  h: AdamHyper,
  decoupled: boolean,
): Update {
  const [beta1, beta2] = h.betas;
  const step = state.step + 1;
  let g = h.maximize ? grad.neg() : grad;
  let param = p;
  if (decoupled) param = param.mul(1 - h.lr * h.weight_decay);
  else if (h.weight_decay !== 0) g = g.add(p.mul(h.weight_decay));
  const { exp_avg: m0, exp_avg_sq: v0, max_exp_avg_sq: vmax0 } = state.buffers;
  // The moments start at zero: 0·β + (1−β)·g is (1−β)·g.
  const expAvg = m0 ? m0.mul(beta1).add(g.mul(1 - beta1)) : g.mul(1 - beta1);
  const expAvgSq = v0 ? v0.mul(beta2).add(g.mul(g).mul(1 - beta2)) : g.mul(g).mul(1 - beta2);
  const biasCorrection1 = 1 - beta1 ** step;
  const biasCorrection2 = 1 - beta2 ** step;
  const stepSize = h.lr / biasCorrection1;
  const bc2Sqrt = Math.sqrt(biasCorrection2);
  const next: Record<string, Tensor> = { exp_avg: expAvg, exp_avg_sq: expAvgSq };
  let second = expAvgSq;
  if (h.amsgrad) {
    second = vmax0 ? vmax0.maximum(expAvgSq) : expAvgSq;
    next.max_exp_avg_sq = second;
  }
  const denom = second.sqrt().div(bc2Sqrt).add(h.eps);
  return { param: param.add(expAvg.div(denom).mul(-stepSize)), state: next };
}
