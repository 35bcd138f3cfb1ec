import { evaluate, gradsOf, WeightnormError, type Tensor } from '@weightnorm/core';
import type { Module, StateDictOptions } from './module.js';
import { toParametrizationNaming } from './state-dict/checkpoint-naming.js';

/**
 * What `valueAndGrad(module, fn)` returns: the loss and the gradients, keyed two ways.
 *
 * @example
 * const { value, paramGrads } = await valueAndGrad(model, (m) => m.forward(x).square().mean());
 * await opt.step(paramGrads);
 */
export interface ModuleValueAndGrad {
  /** The loss, evaluated. */
  value: Tensor;
  /** ∂loss/∂parameter keyed like `module.stateDict(opts)` (`weight_g`, `weight_v`, `ups.0.bias` …), evaluated. */
  grads: Record<string, Tensor>;
  /** The same gradients keyed by parameter tensor, for `optimizer.step(paramGrads)`. */
  paramGrads: Map<Tensor, Tensor>;
}

/**
 * Runs `fn(module)` (a scalar loss), differentiates it wrt every parameter, and evaluates the
 * loss and all gradients in one `evaluate` call, so a backend sees one graph per step.
 * Weight-normed layers in train mode put w = g·v/‖v‖ in the graph as a fused WeightNorm node,
 * whose gradient runs through the fused weight-norm backward.
 *
 * @example
 * const { value, grads, paramGrads } = await valueAndGrad(model, (m) => m.forward(x).sub(y).square().mean());
 * grads['0.weight_g']; await optimizer.step(paramGrads);
 */
export async function valueAndGrad<M extends Module>(module: M, fn: (m: M) => Tensor, opts: StateDictOptions = {}): Promise<ModuleValueAndGrad> {
  const named = [...module.namedParameters()];
  if (named.length === 0) {
    throw new WeightnormError({ op: 'valueAndGrad', argument: 'module', allowed: 'a module with parameters', received: module.constructor.name });
  }
  const value = fn(module);
  const params = named.map(([, p]) => p);
  const gs = gradsOf(value, params);
  await evaluate(value, ...gs);
  const byName: Record<string, Tensor> = Object.fromEntries(named.map(([k], i) => [k, gs[i]!]));
  const grads = opts.naming === 'parametrizations' ? toParametrizationNaming(module, byName) : byName;
  return { value, grads, paramGrads: new Map(params.map((p, i) => [p, gs[i]!])) };
}
