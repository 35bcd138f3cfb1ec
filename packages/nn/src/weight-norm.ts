import { normalizeWeight, tensor, weightNormAxis, WeightnormError, type Tensor } from '@weightnorm/core';
import { Module } from './module.js';
import { WEIGHT_NORM, type WeightNormMarked } from './state-dict/weight-norm-marker.js';
import { initialG } from './weight-norm-init.js';

/**
 * Options of `weightNorm`, as torch.nn.utils.weight_norm's `name` and `dim`, plus `eps`.
 *
 * @example
 * const conv = weightNorm(new Conv1d(80, 512, 7), { dim: 0 });
 */
export interface WeightNormOptions {
  /** The parameter to reparameterize; torch's default 'weight'. */
  name?: string;
  /** torch's dim: 0 by default; null or -1 use one norm over the whole weight (g is 0-d). */
  dim?: number | null;
  /** 0 (torch): a zero row gives NaN. A positive eps computes sqrt(Σv² + eps) instead. */
  eps?: number;
}

interface FoldCache {
  g: Tensor;
  gVersion: number;
  v: Tensor;
  vVersion: number;
  w: Tensor;
}

/**
 * A layer whose `name` parameter is w = g · v / ‖v‖ (torch.nn.utils.weight_norm). Its state dict
 * is the layer's with `name` replaced by `name_g` and `name_v`, in torch's order, at the layer's
 * own level (`0.weight_g`, not `0.layer.weight_g`).
 *
 * In train() mode every forward recomputes w with one fused WeightNorm op. In eval() mode w is
 * computed once, kept, and reused until g or v change (by identity or by in-place update).
 *
 * @example
 * const conv = weightNorm(new Conv1d(80, 512, 7));
 * console.log(conv instanceof WeightNormWrapper); // true
 */
export class WeightNormWrapper<L extends Module = Module> extends Module implements WeightNormMarked {
  readonly [WEIGHT_NORM]: { readonly name: string };
  private cache: FoldCache | null = null;

  constructor(
    readonly layer: L,
    readonly name: string,
    readonly dim: number | null,
    readonly eps: number,
  ) {
    super();
    this[WEIGHT_NORM] = { name };
  }

  override parameterTable(): Map<string, Tensor> {
    return this.layer.parameterTable();
  }

  override childTable(): Map<string, Module> {
    return this.layer.childTable();
  }

  get g(): Tensor {
    return this.parameterTable().get(`${this.name}_g`)!;
  }

  get v(): Tensor {
    return this.parameterTable().get(`${this.name}_v`)!;
  }

  /** The effective weight g · v / ‖v‖ (lazy; cached in eval mode). */
  weight(): Tensor {
    const { g, v } = this;
    if (this.training) {
      this.dropCache();
      return normalizeWeight(v, g, { dim: this.dim, eps: this.eps, op: 'weightNorm' });
    }
    const c = this.cache;
    if (c && c.g === g && c.v === v && c.gVersion === g.version && c.vVersion === v.version) return c.w;
    this.dropCache();
    const w = normalizeWeight(v, g, { dim: this.dim, eps: this.eps, op: 'weightNorm' });
    w.keep = true;
    this.cache = { g, gVersion: g.version, v, vVersion: v.version, w };
    return w;
  }

  override train(mode = true): this {
    super.train(mode);
    this.layer.train(mode);
    if (mode) this.dropCache();
    return this;
  }

  forward(x: Tensor): Tensor {
    return this.layer.forward(x);
  }

  private dropCache(): void {
    this.cache?.w.dispose();
    this.cache = null;
  }
}

/**
 * Reparameterizes `layer.weight` as g · v / ‖v‖, exactly as torch.nn.utils.weight_norm: v starts
 * as the weight and g as its norm over every axis but `dim`.
 *
 * @example
 * const conv = weightNorm(new Conv1d(80, 512, 7, { padding: 3 }));
 * conv.stateDict(); // { bias, weight_g: [512, 1, 1], weight_v: [512, 80, 7] }
 */
export function weightNorm<L extends Module>(layer: L, opts: WeightNormOptions = {}): WeightNormWrapper<L> {
  const name = opts.name ?? 'weight';
  const dim = opts.dim === undefined ? 0 : opts.dim;
  const eps = opts.eps ?? 0;
  const table = layer.parameterTable();
  const v = table.get(name);
  if (!v || layer instanceof WeightNormWrapper) {
    throw new WeightnormError({
      op: 'weightNorm',
      argument: 'name',
      allowed: `a parameter of ${layer.constructor.name} (${[...table.keys()].join(', ')}) not already weight-normed`,
      received: name,
    });
  }
  if (!(typeof eps === 'number' && eps >= 0 && Number.isFinite(eps))) {
    throw new WeightnormError({ op: 'weightNorm', argument: 'eps', allowed: 'a finite number ≥ 0', received: eps });
  }
  const axis = weightNormAxis(dim, v.ndim, 'weightNorm');
  const g = initialG(v, axis, 'weightNorm');
  // torch deletes the parameter and appends name_g, name_v: keep that order for state dicts.
  table.delete(name);
  table.set(`${name}_g`, g);
  table.set(`${name}_v`, v);
  const wrapper = new WeightNormWrapper(layer, name, dim, eps);
  layer.setDerived(name, () => wrapper.weight());
  wrapper.train(layer.training);
  return wrapper;
}

/**
 * Folds the norm away: computes w = g · v / ‖v‖ once on the active backend and returns the layer
 * with a plain `weight` parameter (torch.nn.utils.remove_weight_norm). Async because it evaluates.
 *
 * @example
 * const plain = await removeWeightNorm(wrapped);
 */
export async function removeWeightNorm<L extends Module>(wrapper: WeightNormWrapper<L>): Promise<L> {
  if (!(wrapper instanceof WeightNormWrapper)) {
    throw new WeightnormError({ op: 'removeWeightNorm', argument: 'wrapper', allowed: 'a module returned by weightNorm()', received: wrapper });
  }
  const { layer, name } = wrapper;
  const w = normalizeWeight(wrapper.v, wrapper.g, { dim: wrapper.dim, eps: wrapper.eps, op: 'removeWeightNorm' });
  const folded = tensor(await w.rawData(), w.shape, { dtype: w.dtype });
  w.dispose();
  const table = layer.parameterTable();
  // As torch's remove(): drop g and v, then register the folded weight (last, as torch appends it).
  table.delete(`${name}_g`);
  table.delete(`${name}_v`);
  table.set(name, folded);
  layer.setDerived(name, null);
  return layer;
}

/**
 * Replaces every WeightNormWrapper in a model with its folded layer, for deployment. Returns the
 * model (or the folded layer, when `root` itself is a wrapper).
 *
 * @example
 * const deployed = await foldWeightNorm(model);
 */
export async function foldWeightNorm(root: Module): Promise<Module> {
  if (root instanceof WeightNormWrapper) return removeWeightNorm(root);
  for (const [, module] of [...root.namedModules()]) {
    const children = module.childTable();
    for (const [key, child] of children) {
      if (child instanceof WeightNormWrapper) children.set(key, await removeWeightNorm(child));
    }
  }
  return root;
}
