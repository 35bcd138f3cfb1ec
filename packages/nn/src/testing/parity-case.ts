import type { Tensor } from '@weightnorm/core';
import { readSafetensors } from '../safetensors/load-safetensors.js';

/** How tools/fixtures/gen.py describes the torch layer a fixture was made with. */
export interface ParityConfig {
  layer: string;
  args: Record<string, any>;
  dim: number | null;
  naming: 'legacy' | 'parametrizations';
  dtype: 'float32' | 'float16';
  note: string;
}

/** One torch parity fixture: the layer config, every tensor in the file, and the state-dict part of them. */
export interface ParityCase {
  name: string;
  config: ParityConfig;
  tensors: Record<string, Tensor>;
  stateDict: Record<string, Tensor>;
}

/** Tensors in a fixture that are torch's inputs and results, not layer parameters. */
const NOT_STATE = new Set(['input', 'output', 'folded_weight', 'folded_weight_f16']);

/**
 * Parses a fixture file's bytes (read from disk in Node, fetched in a browser).
 *
 * @example
 * const c = await parityCase('conv1d_dim0', readFileSync(path));
 */
export async function parityCase(name: string, bytes: Uint8Array | ArrayBuffer): Promise<ParityCase> {
  const { tensors, metadata } = await readSafetensors(bytes);
  const stateDict = Object.fromEntries(Object.entries(tensors).filter(([k]) => !NOT_STATE.has(k)));
  return { name, config: JSON.parse(metadata.config!) as ParityConfig, tensors, stateDict };
}
