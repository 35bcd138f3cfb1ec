import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Tensor } from '@weightnorm/core';
import {
  Conv1d,
  Conv2d,
  Conv3d,
  ConvTranspose1d,
  ConvTranspose2d,
  ConvTranspose3d,
  Linear,
  readSafetensors,
  type Module,
} from '../src/index.js';

export interface ParityConfig {
  layer: string;
  args: Record<string, any>;
  dim: number | null;
  naming: 'legacy' | 'parametrizations';
  dtype: 'float32' | 'float16';
  note: string;
}

export interface ParityCase {
  name: string;
  config: ParityConfig;
  tensors: Record<string, Tensor>;
  stateDict: Record<string, Tensor>;
}

export const fixtureDir = fileURLToPath(new URL('./fixtures/parity/', import.meta.url));

const NOT_STATE = new Set(['input', 'output', 'folded_weight', 'folded_weight_f16']);

export async function loadCase(file: string): Promise<ParityCase> {
  const { tensors, metadata } = await readSafetensors(readFileSync(fixtureDir + file));
  const stateDict = Object.fromEntries(Object.entries(tensors).filter(([k]) => !NOT_STATE.has(k)));
  return { name: file.replace('.safetensors', ''), config: JSON.parse(metadata.config!), tensors, stateDict };
}

/** Builds the layer a fixture describes, from the same camelCase arguments torch got. */
export function buildLayer({ layer, args }: ParityConfig): Module {
  const a = args;
  switch (layer) {
    case 'Linear':
      return new Linear(a.inFeatures, a.outFeatures, { bias: a.bias });
    case 'Conv1d':
    case 'Conv2d':
    case 'Conv3d': {
      const Ctor = { Conv1d, Conv2d, Conv3d }[layer];
      return new Ctor(a.inChannels, a.outChannels, a.kernelSize, {
        stride: a.stride,
        padding: a.padding,
        dilation: a.dilation,
        groups: a.groups,
        bias: a.bias,
        paddingMode: a.paddingMode,
      });
    }
    case 'ConvTranspose1d':
    case 'ConvTranspose2d':
    case 'ConvTranspose3d': {
      const Ctor = { ConvTranspose1d, ConvTranspose2d, ConvTranspose3d }[layer];
      return new Ctor(a.inChannels, a.outChannels, a.kernelSize, {
        stride: a.stride,
        padding: a.padding,
        outputPadding: a.outputPadding,
        dilation: a.dilation,
        groups: a.groups,
        bias: a.bias,
      });
    }
    default:
      throw new Error(`unknown layer ${layer}`);
  }
}

/**
 * Largest violation of |got − want| ≤ rtol·(|want| + max|want|): relative per element, with the
 * tensor's scale as the floor so values near zero don't demand impossible digits. NaN must meet NaN.
 */
export function closeness(got: Float32Array, want: Float32Array, rtol: number): { ok: boolean; worst: string } {
  if (got.length !== want.length) return { ok: false, worst: `length ${got.length} vs ${want.length}` };
  let scale = 0;
  for (const w of want) if (Number.isFinite(w)) scale = Math.max(scale, Math.abs(w));
  let worst = 0;
  let where = -1;
  for (let i = 0; i < want.length; i++) {
    const g = got[i]!;
    const w = want[i]!;
    if (Number.isNaN(w) || Number.isNaN(g)) {
      if (Number.isNaN(w) !== Number.isNaN(g)) return { ok: false, worst: `index ${i}: got ${g}, want ${w}` };
      continue;
    }
    const ratio = Math.abs(g - w) / (rtol * (Math.abs(w) + scale) || 1);
    if (ratio > worst) [worst, where] = [ratio, i];
  }
  return { ok: worst <= 1, worst: where < 0 ? 'exact' : `index ${where}: got ${got[where]}, want ${want[where]} (${worst.toFixed(2)}× tolerance)` };
}
