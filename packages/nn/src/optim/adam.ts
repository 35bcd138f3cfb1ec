import type { Tensor } from '@weightnorm/core';
import { adamUpdate, type AdamHyper } from './adam-update.js';
import { checkHyper, isNonNegative } from './check-hyper.js';
import { Optimizer, type Update } from './optimizer.js';

/**
 * Adam/AdamW hyperparameters, torch's names in camelCase (`weight_decay` → `weightDecay`) and torch's
 * defaults (lr 1e-3, betas [0.9, 0.999], eps 1e-8).
 *
 * @example
 * const opt = new Adam(model.parameters(), { lr: 2e-4, betas: [0.8, 0.99] });
 */
export interface AdamOptions {
  lr?: number;
  betas?: readonly [number, number];
  eps?: number;
  weightDecay?: number;
  amsgrad?: boolean;
  maximize?: boolean;
}

/** @internal camelCase options → torch's group keys. */
export function adamHyperFrom(o: Record<string, unknown>): Partial<AdamHyper> {
  const h: Partial<AdamHyper> = {};
  if (o.lr !== undefined) h.lr = o.lr as number;
  if (o.betas !== undefined) h.betas = o.betas as [number, number];
  if (o.eps !== undefined) h.eps = o.eps as number;
  if (o.weightDecay !== undefined) h.weight_decay = o.weightDecay as number;
  if (o.amsgrad !== undefined) h.amsgrad = o.amsgrad as boolean;
  if (o.maximize !== undefined) h.maximize = o.maximize as boolean;
  return h;
}

/** @internal torch's Adam/AdamW argument checks. */
export function checkAdam(op: string, h: AdamHyper): void {
  checkHyper(op, 'lr', h.lr, isNonNegative(h.lr), 'a number ≥ 0');
  checkHyper(op, 'eps', h.eps, isNonNegative(h.eps), 'a number ≥ 0');
  const [b1, b2] = Array.isArray(h.betas) ? h.betas : [NaN, NaN];
  checkHyper(op, 'betas', h.betas, b1! >= 0 && b1! < 1 && b2! >= 0 && b2! < 1, 'two numbers in [0, 1)');
  checkHyper(op, 'weightDecay', h.weight_decay, isNonNegative(h.weight_decay), 'a number ≥ 0');
}

/**
 * torch.optim.Adam with torch's defaults (lr 1e-3, betas [0.9, 0.999], eps 1e-8, no weight decay)
 * and update (L2 weight decay added to the gradient; optional amsgrad).
 *
 * @example
 * const opt = new Adam(model.parameters(), { lr: 1e-3 });
 */
export class Adam extends Optimizer<AdamHyper> {
  protected readonly stepInState = true;
  protected readonly decoupled: boolean = false;

  constructor(params: Iterable<Tensor> | readonly ({ params: Iterable<Tensor> } & AdamOptions)[], opts: AdamOptions = {}, defaults: Partial<AdamHyper> = {}, op = 'Adam') {
    const base: AdamHyper = { lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0, amsgrad: false, maximize: false, ...defaults };
    super(op, params, { ...base, ...adamHyperFrom(opts as Record<string, unknown>) }, adamHyperFrom);
  }

  protected check(h: AdamHyper): void {
    checkAdam(this.constructor.name, h);
  }

  protected update(p: Tensor, grad: Tensor, state: { step: number; buffers: Record<string, Tensor> }, h: AdamHyper): Update {
    return adamUpdate(p, grad, state, h, this.decoupled);
  }

  protected groupDict(h: AdamHyper): Record<string, unknown> {
    return { ...h, betas: [...h.betas], foreach: null, capturable: false, differentiable: false, fused: false };
  }
}
