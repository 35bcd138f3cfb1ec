import { CheckpointError } from '@weightnorm/core';

/**
 * One weight-normed parameter found in a flat state dict.
 *
 * @example
 * for (const pair of findWeightNorms(shapes).pairs) console.log(pair.weight, pair.dim);
 */
export interface WeightNormPair {
  /** The key of the folded weight: `conv_pre.weight`. */
  weight: string;
  g: string;
  v: string;
  /** torch's `dim`, inferred from g's shape; null = one norm over the whole weight. */
  dim: number | null;
  naming: 'legacy' | 'parametrizations';
}

const PARAMETRIZED = /^(.*?)parametrizations\.([^.]+)\.original([01])$/;

/**
 * The `dim` torch's weight_norm was called with, read back from g's shape: g keeps v's size on
 * axis dim and 1 elsewhere (torch's norm_except_dim), or is 0-d for dim=None. When v's size on
 * the kept axis is itself 1, several dims fit, and they all give the same w, so the first is taken.
 *
 * @example
 * inferWeightNormDim([4, 1, 1], [4, 2, 3], 'conv'); // 0
 */
export function inferWeightNormDim(g: readonly number[], v: readonly number[], where: string): number | null {
  const fail = (): never => {
    throw new CheckpointError({
      op: 'weightnorm fold',
      argument: where,
      allowed: `a g shaped like v ${JSON.stringify(v)} on one axis and 1 elsewhere (or 0-d)`,
      received: g,
    });
  };
  if (g.length === 0) return null;
  if (g.length !== v.length) fail();
  const kept = g.map((d, i) => (d === 1 ? -1 : d === v[i] ? i : fail())).filter((i) => i >= 0);
  if (kept.length > 1) fail();
  if (kept.length === 1) return kept[0]!;
  const unit = v.findIndex((d) => d === 1);
  // g all ones but v has no size-1 axis: a one-element g can only be a whole-tensor norm.
  return unit >= 0 ? unit : null;
}

/**
 * Pairs `…X_g`/`…X_v` (torch.nn.utils.weight_norm) and `…parametrizations.X.original0/1`
 * (torch ≥ 2.1) keys in a flat state dict, in file order. A key whose partner is missing is
 * reported in `unpaired` and left alone.
 *
 * @example
 * const { pairs } = findWeightNorms(new Map([['conv.weight_g', [4, 1, 1]], ['conv.weight_v', [4, 2, 3]]]));
 */
export function findWeightNorms(shapes: ReadonlyMap<string, readonly number[]>): { pairs: WeightNormPair[]; unpaired: string[] } {
  const pairs: WeightNormPair[] = [];
  const unpaired: string[] = [];
  for (const key of shapes.keys()) {
    const m = PARAMETRIZED.exec(key);
    let pair: Omit<WeightNormPair, 'dim'> | null = null;
    if (m) {
      const base = `${m[1]}parametrizations.${m[2]}.original`;
      pair = { weight: `${m[1]}${m[2]}`, g: `${base}0`, v: `${base}1`, naming: 'parametrizations' };
    } else if (key.endsWith('_g') || key.endsWith('_v')) {
      const stem = key.slice(0, -2);
      pair = { weight: stem, g: `${stem}_g`, v: `${stem}_v`, naming: 'legacy' };
    }
    if (!pair) continue;
    const partner = key === pair.g ? pair.v : pair.g;
    if (!shapes.has(partner)) {
      unpaired.push(key);
      continue;
    }
    // Report each pair once, at whichever of its keys comes first.
    if (pairs.some((p) => p.g === pair.g)) continue;
    if (shapes.has(pair.weight)) {
      throw new CheckpointError({ op: 'weightnorm fold', argument: pair.weight, allowed: 'absent when its g and v are present (folding would overwrite it)', received: 'a tensor' });
    }
    pairs.push({ ...pair, dim: inferWeightNormDim(shapes.get(pair.g)!, shapes.get(pair.v)!, `${pair.g} shape`) });
  }
  return { pairs, unpaired };
}
