import { assignHost, evaluate, tensor, WeightnormError, type Tensor } from '@weightnorm/core';

/** Hyperparameters of one group, under torch's state-dict names (`lr`, `weight_decay`, …). */
export type Hyper = object;

/**
 * A torch parameter group: tensors that share hyperparameters (`opt.paramGroups[0].hyper.lr = …`
 * changes the learning rate, as torch's `param_groups[0]['lr']`).
 *
 * @example
 * for (const group of opt.paramGroups) group.hyper.lr *= 0.5;
 */
export interface ParamGroup<H extends Hyper = Hyper> {
  params: Tensor[];
  hyper: H;
}

/**
 * torch's optimizer.state_dict(): per-parameter state keyed by index, and the groups.
 *
 * @example
 * const saved: OptimizerStateDict = opt.stateDict();
 * await opt.loadStateDict(saved);
 */
export interface OptimizerStateDict {
  state: Record<number, Record<string, Tensor>>;
  param_groups: (Record<string, unknown> & { params: number[] })[];
}

/** What an update returns: the new parameter value and the new state (all lazy). */
export interface Update {
  param: Tensor;
  state: Record<string, Tensor>;
}

/**
 * The shared machinery of torch's optimizers: parameter groups, per-parameter state, gradient
 * slots (`accumulate`, `zeroGrad`), and a `step` that builds every update lazily, evaluates them
 * all in one `evaluate` call, and writes the results into the parameters in place (they stay
 * leaves, so no graph history survives a step).
 *
 * @example
 * const opt: Optimizer = new Adam(model.parameters(), { lr: 1e-3 });
 * await opt.step(paramGrads);
 */
export abstract class Optimizer<H extends Hyper = Hyper> {
  readonly paramGroups: ParamGroup<H>[];
  /** Per-parameter state (momentum buffers, moments), as leaf tensors; `step` as a number. */
  protected readonly state = new Map<Tensor, { step: number; buffers: Record<string, Tensor> }>();
  private readonly grads = new Map<Tensor, Tensor>();

  protected constructor(
    private readonly op: string,
    params: Iterable<Tensor> | readonly { params: Iterable<Tensor> }[],
    defaults: H,
    fromOptions: (o: Record<string, unknown>) => Partial<H>,
  ) {
    const list = [...(params as Iterable<unknown>)];
    const groups = list.length > 0 && !isTensor(list[0]) ? (list as { params: Iterable<Tensor> }[]) : [{ params: list as Tensor[] }];
    if (groups.length === 0 || groups.every((g) => [...g.params].length === 0)) {
      throw new WeightnormError({ op, argument: 'params', allowed: 'a non-empty list of parameters or parameter groups', received: [] });
    }
    const seen = new Set<Tensor>();
    this.paramGroups = groups.map((g, i) => {
      const ps = [...g.params];
      ps.forEach((p, j) => {
        if (!isTensor(p) || !p.isLeaf) {
          throw new WeightnormError({ op, argument: `params[${i}][${j}]`, allowed: 'a leaf tensor (a module parameter)', received: p });
        }
        if (seen.has(p)) throw new WeightnormError({ op, argument: `params[${i}][${j}]`, allowed: 'each parameter in one group only', received: p.toString() });
        seen.add(p);
      });
      const hyper = { ...defaults, ...fromOptions(g as unknown as Record<string, unknown>) } as H;
      this.check(hyper);
      return { params: ps, hyper };
    });
  }

  /** Validates a group's hyperparameters (torch's ValueErrors). */
  protected abstract check(h: H): void;

  /** Builds one parameter's update from its gradient, state (empty before the first step) and group. */
  protected abstract update(p: Tensor, grad: Tensor, state: { step: number; buffers: Record<string, Tensor> }, h: H): Update;

  /** Adds gradients into the parameters' slots (torch's `.grad` accumulation across backward calls). */
  accumulate(grads: ReadonlyMap<Tensor, Tensor>): void {
    for (const [p, g] of grads) {
      const prev = this.grads.get(p);
      this.grads.set(p, prev ? prev.add(g) : g);
    }
  }

  /** Clears the gradient slots (torch's zero_grad(set_to_none=True): cleared parameters are skipped by step). */
  zeroGrad(): void {
    this.grads.clear();
  }

  /**
   * One optimization step. With `grads` (parameter → gradient, as nn's valueAndGrad returns in
   * `paramGrads`) those are used; without, the accumulated slots. Parameters without a gradient
   * are left alone, as torch skips `p.grad is None`.
   */
  async step(grads?: ReadonlyMap<Tensor, Tensor>): Promise<void> {
    const source = grads ?? this.grads;
    const pending: { p: Tensor; state: { step: number; buffers: Record<string, Tensor> }; u: Update }[] = [];
    for (const group of this.paramGroups) {
      for (const p of group.params) {
        const g = source.get(p);
        if (!g) continue;
        const state = this.state.get(p) ?? { step: 0, buffers: {} };
        pending.push({ p, state, u: this.update(p, g, state, group.hyper) });
      }
    }
    const targets = pending.flatMap(({ u }) => [u.param, ...Object.values(u.state)]);
    // One graph for the whole step, then copy the values back into leaves.
    await evaluate(...targets);
    for (const { p, state, u } of pending) {
      const buffers: Record<string, Tensor> = {};
      for (const [k, t] of Object.entries(u.state)) buffers[k] = tensor(await t.rawData(), t.shape, { dtype: t.dtype });
      assignHost(p, await u.param.rawData());
      this.state.set(p, { step: state.step + 1, buffers });
    }
    // Free what the step computed, but not a gradient passed through as state (SGD's first buffer).
    const given = new Set([...source.values(), ...this.paramGroups.flatMap((g) => g.params)]);
    for (const t of targets) if (!given.has(t)) t.dispose();
  }

  /** The names torch 1.13 stores for one group (its flags included, for a faithful layout). */
  protected abstract groupDict(h: H): Record<string, unknown>;

  /** Whether torch keeps a `step` count in each parameter's state (Adam does, SGD does not). */
  protected abstract readonly stepInState: boolean;

  /** torch's layout: state keyed by each parameter's index over all groups, and param_groups. */
  stateDict(): OptimizerStateDict {
    const state: Record<number, Record<string, Tensor>> = {};
    let index = 0;
    const param_groups = this.paramGroups.map((g) => {
      const params = g.params.map((p) => {
        const s = this.state.get(p);
        if (s) state[index] = { ...(this.stepInState ? { step: tensor([s.step], []) } : {}), ...s.buffers };
        return index++;
      });
      return { ...this.groupDict(g.hyper), params };
    });
    return { state, param_groups };
  }

  /** Restores a stateDict() (or torch's, read into tensors): groups must match in size. */
  async loadStateDict(dict: { state: Record<number | string, Record<string, Tensor | number>>; param_groups: readonly Record<string, unknown>[] }): Promise<void> {
    if (dict.param_groups.length !== this.paramGroups.length) {
      throw new WeightnormError({ op: `${this.op}.loadStateDict`, argument: 'param_groups', allowed: `${this.paramGroups.length} groups`, received: `${dict.param_groups.length} groups` });
    }
    const all = this.paramGroups.flatMap((g) => g.params);
    const next = new Map<Tensor, { step: number; buffers: Record<string, Tensor> }>();
    const hypers = dict.param_groups.map((saved, i) => {
      const ids = saved.params as number[] | undefined;
      if (!Array.isArray(ids) || ids.length !== this.paramGroups[i]!.params.length) {
        throw new WeightnormError({ op: `${this.op}.loadStateDict`, argument: `param_groups[${i}].params`, allowed: `${this.paramGroups[i]!.params.length} indices`, received: ids });
      }
      const hyper = { ...this.paramGroups[i]!.hyper };
      for (const key of Object.keys(hyper)) if (key in saved) (hyper as Record<string, unknown>)[key] = saved[key];
      this.check(hyper);
      return hyper;
    });
    for (const [key, entry] of Object.entries(dict.state)) {
      const p = all[Number(key)];
      if (!p) throw new WeightnormError({ op: `${this.op}.loadStateDict`, argument: 'state', allowed: `indices below ${all.length}`, received: key });
      const read = { step: await readStep(entry), buffers: {} as Record<string, Tensor> };
      for (const [name, t] of Object.entries(entry)) {
        if (name === 'step' || typeof t === 'number') continue;
        if (t.size !== p.size) {
          throw new WeightnormError({ op: `${this.op}.loadStateDict`, argument: `state[${key}].${name}`, allowed: `${p.size} elements`, received: [...t.shape] });
        }
        read.buffers[name] = tensor(await t.rawData(), p.shape, { dtype: t.dtype });
      }
      next.set(p, read);
    }
    hypers.forEach((h, i) => (this.paramGroups[i]!.hyper = h));
    this.state.clear();
    for (const [p, s] of next) this.state.set(p, s);
  }
}

function isTensor(x: unknown): x is Tensor {
  return typeof x === 'object' && x !== null && 'isLeaf' in x && 'shape' in x && 'op' in x;
}

/** Reads `step` from a torch-layout entry: a 0-d tensor (torch 1.12+) or a number (older torch). */
export async function readStep(entry: Record<string, Tensor | number>): Promise<number> {
  const s = entry.step;
  return typeof s === 'number' ? s : s ? await s.item() : 0;
}
