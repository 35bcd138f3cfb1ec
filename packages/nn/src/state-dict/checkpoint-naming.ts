import type { Tensor } from '@weightnorm/core';
import type { Module } from '../module.js';
import { weightNormNameOf } from './weight-norm-marker.js';

// torch ≥ 2.1 (torch.nn.utils.parametrizations.weight_norm) stores g as original0 and v as original1.
const PARAMETRIZED = /^(.*?)parametrizations\.([^.]+)\.original([01])$/;

/**
 * Maps `…parametrizations.weight.original0/1` keys to `…weight_g/_v` where the model expects those,
 * so checkpoints saved by either torch API load into the same wrapper.
 */
export function fromParametrizationNaming(dict: Map<string, Tensor>, expected: ReadonlySet<string>): Map<string, Tensor> {
  const out = new Map<string, Tensor>();
  for (const [key, value] of dict) {
    const m = PARAMETRIZED.exec(key);
    const legacy = m ? `${m[1]}${m[2]}_${m[3] === '0' ? 'g' : 'v'}` : key;
    out.set(m && expected.has(legacy) && !dict.has(legacy) ? legacy : key, value);
  }
  return out;
}

/** Renames each wrapper's `name_g`/`name_v` to torch ≥ 2.1's parametrization keys, keeping order. */
export function toParametrizationNaming(root: Module, dict: Record<string, Tensor>): Record<string, Tensor> {
  const renames = new Map<string, string>();
  for (const [path, module] of root.namedModules()) {
    const name = weightNormNameOf(module);
    if (!name) continue;
    const prefix = path ? `${path}.` : '';
    renames.set(`${prefix}${name}_g`, `${prefix}parametrizations.${name}.original0`);
    renames.set(`${prefix}${name}_v`, `${prefix}parametrizations.${name}.original1`);
  }
  return Object.fromEntries(Object.entries(dict).map(([k, v]) => [renames.get(k) ?? k, v]));
}
