import type { Tensor } from '@weightnorm/core';
import type { AdamHyper } from './adam-update.js';
import { Adam, type AdamOptions } from './adam.js';

/**
 * torch.optim.AdamW: Adam with decoupled weight decay (p ← p·(1 − lr·wd) before the update),
 * torch's default weight decay 1e-2.
 *
 * @example
 * const opt = new AdamW(model.parameters(), { lr: 1e-3, weightDecay: 0.01 });
 */
export class AdamW extends Adam {
  protected override readonly decoupled: boolean = true;

  constructor(params: Iterable<Tensor> | readonly ({ params: Iterable<Tensor> } & AdamOptions)[], opts: AdamOptions = {}) {
    super(params, opts, { weight_decay: 1e-2 }, 'AdamW');
  }

  protected override groupDict(h: AdamHyper): Record<string, unknown> {
    return { ...h, betas: [...h.betas], foreach: null, capturable: false };
  }
}
