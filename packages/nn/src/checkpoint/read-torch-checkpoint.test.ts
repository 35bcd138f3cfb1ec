import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CheckpointError } from '@weightnorm/core';
import { describe, expect, it } from 'vitest';
import { Linear, weightNorm } from '../index.js';
import { catchCheckpointError } from '../../test/catch-checkpoint-error.js';
import { loadCheckpoint } from './load-checkpoint.js';
import { readCheckpoint } from './read-checkpoint.js';
import { readTorchCheckpoint } from './read-torch-checkpoint.js';

// Written by torch.save in PyTorch 1.13 (tools/fixtures/gen_hifigan.py), values in expected.json.
const fixture = (name: string) => fileURLToPath(new URL(`../../test/fixtures/pt/${name}`, import.meta.url));
const read = (name: string) => new Uint8Array(readFileSync(fixture(name)));
const expected = JSON.parse(readFileSync(fixture('expected.json'), 'utf8')) as {
  x: number[];
  x_f16_bits: number[];
  x_bf16_as_f32: number[];
  linear: Record<string, number[]>;
};

describe('readTorchCheckpoint on torch-saved files', () => {
  it('reads every supported dtype exactly, with 0-d and empty tensors', () => {
    const { tensors, skipped } = readTorchCheckpoint(read('dtypes.pt'));
    expect([...tensors.keys()]).toEqual(['f32', 'f16', 'bf16', 'f64', 'i64', 'i32', 'scalar', 'empty']);
    expect(skipped.size).toBe(0);
    const get = (k: string) => tensors.get(k)!;
    expect(get('f32')).toMatchObject({ dtype: 'float32', sourceDType: 'F32', shape: [2, 3] });
    expect(Array.from(get('f32').data)).toEqual(expected.x);
    expect(get('f16')).toMatchObject({ dtype: 'float16', sourceDType: 'F16', shape: [2, 3] });
    expect(Array.from(new Int16Array(get('f16').data.buffer, get('f16').data.byteOffset, 6))).toEqual(expected.x_f16_bits);
    expect(get('bf16')).toMatchObject({ dtype: 'float32', sourceDType: 'BF16' });
    expect(Array.from(get('bf16').data)).toEqual(expected.x_bf16_as_f32);
    // x.double() holds float32 values, so rounding back to float32 is exact.
    expect(get('f64')).toMatchObject({ dtype: 'float32', sourceDType: 'F64' });
    expect(Array.from(get('f64').data)).toEqual(expected.x);
    expect(get('i64')).toMatchObject({ dtype: 'int32', sourceDType: 'I64', shape: [3] });
    expect(Array.from(get('i64').data)).toEqual([1, -2, 2147483647]);
    expect(get('i32')).toMatchObject({ dtype: 'int32', sourceDType: 'I32', shape: [1, 2] });
    expect(Array.from(get('i32').data)).toEqual([7, -7]);
    expect(get('scalar')).toMatchObject({ shape: [] });
    expect(Array.from(get('scalar').data)).toEqual([2.5]);
    expect(get('empty')).toMatchObject({ shape: [0, 4] });
    expect(get('empty').data.length).toBe(0);
  });

  it('copies views out of shared storages: transposed, offset, reshaped', () => {
    const { tensors } = readTorchCheckpoint(read('views.pt'));
    expect(tensors.get('t')!.shape).toEqual([4, 3]);
    expect(Array.from(tensors.get('t')!.data)).toEqual([0, 4, 8, 1, 5, 9, 2, 6, 10, 3, 7, 11]);
    expect(Array.from(tensors.get('head')!.data)).toEqual([0, 1, 2, 3]);
    expect(tensors.get('tail')).toMatchObject({ shape: [2, 2] });
    expect(Array.from(tensors.get('tail')!.data)).toEqual([8, 9, 10, 11]);
  });

  it('flattens nested dicts and Parameters to dotted keys and lists the other leaves', () => {
    const { tensors, skipped } = readTorchCheckpoint(read('nested.pt'));
    expect([...tensors.keys()]).toEqual(['generator.bias', 'generator.weight_g', 'generator.weight_v', 'param', 'nested.deep.w']);
    expect(Array.from(tensors.get('param')!.data)).toEqual(expected.x);
    expect(Object.fromEntries(skipped)).toEqual({ steps: 1000, epoch: 3, lr: 2e-4, name: 'hifigan', 'flags.0': true, 'flags.1': null });
  });

  it('loadCheckpoint with key loads the nested state dict into a weight-normed module', async () => {
    const lin = weightNorm(new Linear(3, 2));
    await lin.loadStateDict(await loadCheckpoint(fixture('nested.pt'), { key: 'generator' }));
    for (const [k, t] of Object.entries(lin.stateDict())) expect(Array.from(await t.data()), k).toEqual(expected.linear[k]!.map(Math.fround));
    await expect(loadCheckpoint(fixture('nested.pt'), { key: 'discriminator' })).rejects.toThrow(
      'loadCheckpoint: key must be a top-level key holding tensors (generator, param, nested); received "discriminator"',
    );
  });

  it('rejects a pickle that names os.system (either spelling) without running it', () => {
    const marker = '/tmp/weightnorm-pwned';
    for (const [file, global] of [['os-system.pt', 'os.system'], ['posix-system.pt', 'posix.system']]) {
      const err = catchCheckpointError(() => readTorchCheckpoint(read(file!)));
      expect(err.argument).toBe('pickle global');
      expect(err.received).toBe(global);
      expect(err.message).toContain(`received "${global}"`);
    }
    expect(existsSync(marker)).toBe(false);
  });

  it('rejects a torch.save of a whole module, naming its class', () => {
    const err = catchCheckpointError(() => readTorchCheckpoint(read('module.pt')));
    expect(err.received).toBe('torch.nn.modules.linear.Linear');
  });

  it('rejects the legacy (torch < 1.6) format with advice on re-saving', () => {
    for (const load of [readTorchCheckpoint, readCheckpoint]) {
      const err = catchCheckpointError(() => load(read('legacy.pt')));
      expect(err.message).toContain('legacy torch.save format');
      expect(err.message).toContain('re-save it with `torch.save(torch.load(path), new_path)`');
    }
  });

  it('rejects compressed zip entries, naming the method', () => {
    const err = catchCheckpointError(() => readTorchCheckpoint(read('deflated.pt')));
    expect(err.argument).toBe('zip entry "archive/data.pkl" compression method');
    expect(err.message).toContain('received "8 (deflate)"');
  });

  it('readCheckpoint tells .pt from safetensors by content', async () => {
    expect(readCheckpoint(read('dtypes.pt')).format).toBe('pt');
    const st = new URL('../../test/fixtures/parity/linear_bias.safetensors', import.meta.url);
    expect(readCheckpoint(new Uint8Array(readFileSync(st))).format).toBe('safetensors');
    await expect(loadCheckpoint(fixture('missing.pt'))).rejects.toBeInstanceOf(CheckpointError);
  });
});
