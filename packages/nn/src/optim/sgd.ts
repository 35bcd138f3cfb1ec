import type { Tensor } from '@weightnorm/core';
import { checkHyper, isNonNegative } from './check-hyper.js';
import { Optimizer, type Update } from './optimizer.js';

/**
 * SGD hyperparameters, torch's names in camelCase and torch's defaults (everything 0/false but `lr`).
 *
 * @example
 * const opt = new SGD(model.parameters(), { lr: 0.1, momentum: 0.9, nesterov: true });
 */
export interface SgdOptions {
  /** Required, as in torch. */
  lr: number;
  momentum?: number;
  dampening?: number;
  weightDecay?: number;
  nesterov?: boolean;
  maximize?: boolean;
}

type SgdHyper = {
  lr: number;
  momentum: number;
  dampening: number;
  weight_decay: number;
  nesterov: boolean;
  maximize: boolean;
};

function fromOptions(o: Record<string, unknown>): Partial<SgdHyper> {
  const h: Partial<SgdHyper> = {};
  if (o.lr !== undefined) h.lr = o.lr as number;
  if (o.momentum !== undefined) h.momentum = o.momentum as number;
  if (o.dampening !== undefined) h.dampening = o.dampening as number;
  if (o.weightDecay !== undefined) h.weight_decay = o.weightDecay as number;
  if (o.nesterov !== undefined) h.nesterov = o.nesterov as boolean;
  if (o.maximize !== undefined) h.maximize = o.maximize as boolean;
  return h;
}

/**
 * torch.optim.SGD (1.13's single-tensor path): weight decay added to the gradient, a momentum
 * buffer that starts as the first gradient, optional dampening and Nesterov.
 *
 * @example
 * const opt = new SGD(model.parameters(), { lr: 0.1, momentum: 0.9, nesterov: true });
 * await opt.step(paramGrads);
 */
export class SGD extends Optimizer<SgdHyper> {
  protected readonly stepInState = false;

  constructor(params: Iterable<Tensor> | readonly ({ params: Iterable<Tensor> } & Partial<SgdOptions>)[], opts: SgdOptions) {
    super('SGD', params, { lr: opts.lr, momentum: 0, dampening: 0, weight_decay: 0, nesterov: false, maximize: false, ...fromOptions(opts as unknown as Record<string, unknown>) }, fromOptions);
  }

  protected check(h: SgdHyper): void {
    checkHyper('SGD', 'lr', h.lr, isNonNegative(h.lr), 'a number ≥ 0');
    checkHyper('SGD', 'momentum', h.momentum, isNonNegative(h.momentum), 'a number ≥ 0');
    checkHyper('SGD', 'dampening', h.dampening, typeof h.dampening === 'number' && Number.isFinite(h.dampening), 'a finite number');
    checkHyper('SGD', 'weightDecay', h.weight_decay, isNonNegative(h.weight_decay), 'a number ≥ 0');
    checkHyper('SGD', 'nesterov', h.nesterov, !h.nesterov || (h.momentum > 0 && h.dampening === 0), 'true only with momentum > 0 and dampening 0');
  }

  protected update(p: Tensor, grad: Tensor, state: { buffers: Record<string, Tensor> }, h: SgdHyper): Update {
    let d = h.maximize ? grad.neg() : grad;
    if (h.weight_decay !== 0) d = d.add(p.mul(h.weight_decay));
    const next: Record<string, Tensor> = {};
    if (h.momentum !== 0) {
      const prev = state.buffers.momentum_buffer;
      const buf = prev ? prev.mul(h.momentum).add(d.mul(1 - h.dampening)) : d;
      next.momentum_buffer = buf;
      d = h.nesterov ? d.add(buf.mul(h.momentum)) : buf;
    }
    return { param: p.add(d.mul(-h.lr)), state: next };
  }

  protected groupDict(h: SgdHyper): Record<string, unknown> {
    return { ...h, foreach: null, differentiable: false };
  }
}
