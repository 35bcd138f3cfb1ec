import { WeightnormError, type DType, type Tensor } from '@weightnorm/core';
import { loadStateDict, type LoadStateDictOptions } from './state-dict/load-state-dict.js';
import { toParametrizationNaming } from './state-dict/checkpoint-naming.js';
import { castLeaf } from './state-dict/cast-leaf.js';

/**
 * Options of `stateDict`: which key naming weight-normed parameters get.
 *
 * @example
 * const sd = model.stateDict({ naming: 'parametrizations' }); // parametrizations.weight.original0/1
 */
export interface StateDictOptions {
  /** 'legacy' (default): torch.nn.utils.weight_norm keys `weight_g`/`weight_v`. 'parametrizations': torch ≥ 2.1 keys. */
  naming?: 'legacy' | 'parametrizations';
}

/**
 * Base class of every layer, like torch.nn.Module: named parameters and children, state dicts
 * with torch's keys, train/eval mode.
 *
 * @example
 * class Block extends Module {
 *   conv = this.registerModule('conv', new Conv1d(4, 4, 3, { padding: 1 }));
 *   forward(x: Tensor) { return this.conv.forward(x).tanh(); }
 * }
 */
export abstract class Module {
  /** True after `train()` (the default), false after `eval()`. */
  training = true;
  private readonly ownParameters = new Map<string, Tensor>();
  private readonly ownChildren = new Map<string, Module>();
  /** Values computed in place of a parameter (how weightNorm replaces `weight`). */
  private readonly derived = new Map<string, () => Tensor>();

  abstract forward(x: Tensor): Tensor;

  /** @internal The live parameter table; WeightNormWrapper shares its layer's. */
  parameterTable(): Map<string, Tensor> {
    return this.ownParameters;
  }

  /** @internal The live children table. */
  childTable(): Map<string, Module> {
    return this.ownChildren;
  }

  protected registerParameter(name: string, value: Tensor): Tensor {
    this.parameterTable().set(name, value);
    return value;
  }

  protected registerModule<M extends Module>(name: string, module: M): M {
    this.childTable().set(name, module);
    return module;
  }

  /** A parameter by name, or the value computed in its place (a weight-normed `weight`). */
  param(name: string): Tensor {
    const compute = this.derived.get(name);
    if (compute) return compute();
    const value = this.parameterTable().get(name);
    if (!value) {
      throw new WeightnormError({
        op: `${this.constructor.name}.param`,
        argument: 'name',
        allowed: `one of ${[...this.parameterTable().keys(), ...this.derived.keys()].join(', ') || '(no parameters)'}`,
        received: name,
      });
    }
    return value;
  }

  /** @internal Lets weightNorm compute `name` instead of storing it. */
  setDerived(name: string, compute: (() => Tensor) | null): void {
    if (compute) this.derived.set(name, compute);
    else this.derived.delete(name);
  }

  hasParameter(name: string): boolean {
    return this.parameterTable().has(name);
  }

  /** Children in registration order. */
  children(): Module[] {
    return [...this.childTable().values()];
  }

  *namedModules(prefix = ''): Generator<[string, Module]> {
    yield [prefix, this];
    for (const [name, child] of this.childTable()) yield* child.namedModules(prefix ? `${prefix}.${name}` : name);
  }

  /** Parameters with dotted names, own first and then each child's, as torch orders them. */
  *namedParameters(prefix = ''): Generator<[string, Tensor]> {
    for (const [name, p] of this.parameterTable()) yield [prefix ? `${prefix}.${name}` : name, p];
    for (const [name, child] of this.childTable()) yield* child.namedParameters(prefix ? `${prefix}.${name}` : name);
  }

  parameters(): Tensor[] {
    return [...this.namedParameters()].map(([, p]) => p);
  }

  /**
   * The parameters by torch's state-dict key (`0.weight_g`, `ups.1.bias` …). The tensors are the
   * live parameters, not copies.
   */
  stateDict(opts: StateDictOptions = {}): Record<string, Tensor> {
    const dict = Object.fromEntries(this.namedParameters());
    return opts.naming === 'parametrizations' ? toParametrizationNaming(this, dict) : dict;
  }

  /**
   * Copies checkpoint tensors into the parameters, in place (optimizers keep their references).
   * Atomic: every key, shape and dtype is checked and every value read before any parameter
   * changes; on error nothing changes and one CheckpointError lists every problem. Accepts both
   * weight-norm namings; float16/float32 are converted like torch's `copy_`.
   */
  loadStateDict(dict: Record<string, Tensor> | Map<string, Tensor>, opts: LoadStateDictOptions = {}): Promise<void> {
    return loadStateDict(this, dict, opts);
  }

  train(mode = true): this {
    for (const [, m] of this.namedModules()) m.training = mode;
    return this;
  }

  eval(): this {
    return this.train(false);
  }

  /** Converts every parameter to `dtype` (new leaves; float16 rounds to nearest even). */
  to(dtype: DType): this {
    for (const [, m] of this.namedModules()) {
      const table = m.parameterTable();
      for (const [name, p] of table) table.set(name, castLeaf(p, dtype));
    }
    return this;
  }
}
