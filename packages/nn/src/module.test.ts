import { CheckpointError, tensor } from '@weightnorm/core';
import { describe, expect, it } from 'vitest';
import { Conv1d, ConvTranspose1d, LeakyReLU, Linear, ModuleList, Sequential, weightNorm } from './index.js';

const values = async (t: { data(): Promise<Float32Array> }) => Array.from(await t.data());

describe('Module state dicts', () => {
  it('names parameters like torch, children after own parameters', () => {
    const model = new Sequential(weightNorm(new Conv1d(2, 3, 3)), new LeakyReLU(0.1), new ModuleList([new Linear(3, 2)]));
    expect(Object.keys(model.stateDict())).toEqual(['0.bias', '0.weight_g', '0.weight_v', '2.0.weight', '2.0.bias']);
    expect(model.stateDict({ naming: 'parametrizations' })).toHaveProperty('0.parametrizations.weight.original0');
  });

  it('loads in place, so references held elsewhere (optimizers) see the new values', async () => {
    const layer = new Linear(2, 2);
    const weight = layer.weight;
    await layer.loadStateDict({ weight: tensor([1, 2, 3, 4], [2, 2]), bias: tensor([5, 6], [2]) });
    expect(layer.weight).toBe(weight);
    expect(await values(weight)).toEqual([1, 2, 3, 4]);
    expect(weight.version).toBe(1);
  });

  it('is atomic: one error lists every problem and no parameter changes', async () => {
    const model = new Sequential(weightNorm(new Conv1d(2, 3, 3)), new Linear(3, 2));
    const before = await Promise.all(model.parameters().map(values));
    const bad = {
      '0.bias': tensor([9, 9, 9], [3]),
      '0.weight_g': tensor(new Float32Array(3), [3, 1, 1]),
      '0.weight_v': tensor(new Float32Array(2 * 2 * 3), [2, 2, 3]), // wrong shape
      '1.weight': tensor(new Int32Array(6), [2, 3]), // int into a float parameter
      extra: tensor([1], [1]),
    };
    const err = await model.loadStateDict(bad).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CheckpointError);
    const message = (err as Error).message;
    expect(message).toContain('missing keys: 1.bias');
    expect(message).toContain('unexpected keys: extra');
    expect(message).toContain('size mismatch for 0.weight_v: checkpoint [2, 2, 3], model [3, 2, 3]');
    expect(message).toContain('dtype mismatch for 1.weight');
    expect(await Promise.all(model.parameters().map(values))).toEqual(before);
  });

  it('non-strict loading ignores missing and unexpected keys but still checks shapes', async () => {
    const layer = new Linear(2, 1);
    await layer.loadStateDict({ bias: tensor([7], [1]), other: tensor([1], [1]) }, { strict: false });
    expect(await values(layer.bias!)).toEqual([7]);
    await expect(layer.loadStateDict({ bias: tensor([1, 2], [2]) }, { strict: false })).rejects.toThrow(/size mismatch for bias/);
  });

  it('accepts the torch ≥ 2.1 parametrization keys for a weight-normed layer', async () => {
    const wrapped = weightNorm(new ConvTranspose1d(2, 1, 4, { stride: 2 }));
    await wrapped.loadStateDict({
      bias: tensor([0.5], [1]),
      'parametrizations.weight.original0': tensor([2, 3], [2, 1, 1]),
      'parametrizations.weight.original1': tensor([1, 0, 0, 0, 0, 0, 0, 1], [2, 1, 4]),
    });
    expect(await values(wrapped.g)).toEqual([2, 3]);
    expect(await values(wrapped.weight())).toEqual([2, 0, 0, 0, 0, 0, 0, 3]);
  });

  it('converts float16 checkpoints into float32 parameters exactly, like torch copy_', async () => {
    const layer = new Linear(1, 1, { bias: false });
    await layer.loadStateDict({ weight: tensor([0.1], [1, 1], { dtype: 'float16' }) });
    expect(layer.weight.dtype).toBe('float32');
    expect(await values(layer.weight)).toEqual([0.0999755859375]);
  });

  it('train() and eval() reach every descendant', () => {
    const model = new Sequential(new Sequential(new Linear(1, 1)));
    model.eval();
    expect([...model.namedModules()].every(([, m]) => !m.training)).toBe(true);
  });
});

describe('layer input checks', () => {
  it('names the layer, the argument and the expected shape', () => {
    expect(() => new Conv1d(4, 2, 3).forward(tensor(new Float32Array(30), [1, 3, 10]))).toThrow(
      'Conv1d.forward: input must be a tensor [N, 4, *spatial] (or unbatched) with 4 channels; received [1, 3, 10]',
    );
    expect(() => new Linear(3, 2).forward(tensor(new Float32Array(4), [2, 2]))).toThrow(/Linear.forward: input must be/);
    expect(() => new Conv1d(4, 3, 3, { groups: 2 })).toThrow(/groups must be a positive integer dividing inChannels/);
    expect(() => new Conv1d(2, 2, 3, { padding: 'same', stride: 2 })).toThrow(/'same' only with stride 1/);
  });

  it('runs unbatched input like torch', async () => {
    const conv = new Conv1d(2, 3, 3, { padding: 1 });
    const x = tensor(Float32Array.from({ length: 10 }, (_, i) => i), [2, 5]);
    const unbatched = conv.forward(x);
    expect(unbatched.shape).toEqual([3, 5]);
    expect(await values(unbatched)).toEqual(await values(conv.forward(x.unsqueeze(0))));
  });
});
