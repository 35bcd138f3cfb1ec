import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CheckpointError } from '@weightnorm/core';
import { describe, expect, it } from 'vitest';
import { inspectCheckpoint } from './inspect-checkpoint.js';

const read = (path: string) => new Uint8Array(readFileSync(fileURLToPath(new URL(path, import.meta.url))));

describe('inspectCheckpoint', () => {
  it('lists the 23 weight-normed convs of the committed safetensors, keyed as in the file', () => {
    const c = inspectCheckpoint('hifigan-v3.safetensors', read('../../hifigan/assets/hifigan-v3.safetensors'));
    expect(c.format).toBe('safetensors');
    expect(c.tensors).toBe(69);
    expect(c.layers).toHaveLength(23);
    expect(c.layers[0]).toEqual({ weight: 'conv_pre.weight', dim: 0, g: [256, 1, 1], v: [256, 80, 7], naming: 'legacy' });
    expect(c.unpaired).toEqual([]);
    const folded = c.fold();
    expect(folded.pairs).toBe(23);
    expect(folded.lossy).toEqual([]);
  });

  it('refuses to fold a file with no weight norm, naming the file', () => {
    const c = inspectCheckpoint('clip.safetensors', read('../assets/mel-clip-and-audio.safetensors'));
    expect(c.layers).toEqual([]);
    expect(() => c.fold()).toThrow(CheckpointError);
    expect(() => c.fold()).toThrow(/^fold: clip\.safetensors must be a checkpoint with weight-normed parameters .*; received "2 tensors, none weight-normed"$/);
  });

  it('raises CheckpointError for bytes that are no checkpoint', () => {
    expect(() => inspectCheckpoint('x.pt', new TextEncoder().encode('not a checkpoint at all'))).toThrow(CheckpointError);
  });
});
