import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CheckpointError, tensor } from '@weightnorm/core';
import { describe, expect, it } from 'vitest';
import { Conv1d, weightNorm } from '../index.js';
import { loadSafetensors, readSafetensors } from './load-safetensors.js';
import { saveSafetensors } from './save-safetensors.js';

const dir = mkdtempSync(join(tmpdir(), 'wn-st-'));

describe('saveSafetensors / loadSafetensors', () => {
  it('round-trips a weight-normed layer through a file, float16 kept as half bits', async () => {
    const layer = weightNorm(new Conv1d(2, 3, 3)).to('float16');
    const path = join(dir, 'layer.safetensors');
    await saveSafetensors(layer.stateDict(), path, { metadata: { format: 'pt' } });
    const { tensors, metadata } = await readSafetensors(path);
    expect(metadata).toEqual({ format: 'pt' });
    expect(Object.keys(tensors)).toEqual(['bias', 'weight_g', 'weight_v']);
    for (const [k, t] of Object.entries(layer.stateDict())) {
      expect(tensors[k]!.dtype).toBe('float16');
      expect(Array.from(await tensors[k]!.rawData())).toEqual(Array.from(await t.rawData()));
    }
  });

  it('stores BF16 on request and reads it back widened to float32', async () => {
    const bytes = await saveSafetensors({ x: tensor([1, 1.00390625, -3.5e38], [3]) }, undefined, { floatType: 'BF16' });
    const x = (await loadSafetensors(bytes)).x!;
    expect(x.dtype).toBe('float32');
    expect(Array.from(await x.data())).toEqual([1, 1, -3.5016733e38].map(Math.fround));
  });

  it('rejects a truncated file with a CheckpointError, and a failed load changes nothing', async () => {
    const layer = new Conv1d(1, 1, 1);
    const bytes = await saveSafetensors(layer.stateDict());
    const truncated = bytes.slice(0, bytes.length - 2);
    const before = Array.from(await layer.weight.data());
    const err = await loadSafetensors(truncated).then((d) => layer.loadStateDict(d)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CheckpointError);
    expect(Array.from(await layer.weight.data())).toEqual(before);
  });

  it('names the path when a file cannot be read', async () => {
    const missing = join(dir, 'missing.safetensors');
    await expect(loadSafetensors(missing)).rejects.toThrow(`loadSafetensors: cannot read ${JSON.stringify(missing)}`);
    writeFileSync(join(dir, 'tiny.safetensors'), new Uint8Array([1, 2, 3]));
    await expect(loadSafetensors(join(dir, 'tiny.safetensors'))).rejects.toBeInstanceOf(CheckpointError);
  });
});
