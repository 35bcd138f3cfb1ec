import { CheckpointError } from '@weightnorm/core';
import { findWeightNorms, foldEntries, readCheckpoint, toSafetensors, type CheckpointContents, type WeightNormPair } from '@weightnorm/nn';

export interface WeightNormRow {
  readonly weight: string;
  /** torch's dim, or null for one norm over the whole weight. */
  readonly dim: number | null;
  readonly g: readonly number[];
  readonly v: readonly number[];
  readonly naming: WeightNormPair['naming'];
}

export interface Inspection {
  readonly name: string;
  readonly format: CheckpointContents['format'];
  readonly bytes: number;
  readonly tensors: number;
  readonly parameters: number;
  readonly layers: readonly WeightNormRow[];
  readonly unpaired: readonly string[];
  /** The folded checkpoint as safetensors bytes, as `weightnorm fold <in> <out>` writes it. */
  fold(): { bytes: Uint8Array; pairs: number; lossy: string[] };
}

/**
 * The `weightnorm inspect` view of a dropped file, in the page: the same reader and the same
 * pairing and folding code as the CLI (nn's readCheckpoint, findWeightNorms, foldEntries,
 * toSafetensors), so the download is byte for byte what the CLI would write. Nothing leaves the page.
 */
export function inspectCheckpoint(name: string, bytes: Uint8Array): Inspection {
  const c = readCheckpoint(bytes);
  const { pairs, unpaired } = findWeightNorms(new Map([...c.tensors].map(([k, e]) => [k, e.shape])));
  return {
    name,
    format: c.format,
    bytes: bytes.length,
    tensors: c.tensors.size,
    parameters: [...c.tensors.values()].reduce((n, e) => n + e.data.length, 0),
    layers: pairs.map((p) => ({ weight: p.weight, dim: p.dim, g: c.tensors.get(p.g)!.shape, v: c.tensors.get(p.v)!.shape, naming: p.naming })),
    unpaired,
    fold() {
      const folded = foldEntries(c.tensors);
      if (folded.pairs.length === 0) {
        throw new CheckpointError({ op: 'fold', argument: name, allowed: 'a checkpoint with weight-normed parameters (X_g/X_v or parametrizations.X.original0/1)', received: `${c.tensors.size} tensors, none weight-normed` });
      }
      const { bytes: out, lossy } = toSafetensors(folded.entries, 'keep', c.metadata);
      return { bytes: out, pairs: folded.pairs.length, lossy };
    },
  };
}
