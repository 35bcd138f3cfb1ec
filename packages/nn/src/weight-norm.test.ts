import { AxisError, tensor, WeightnormError } from '@weightnorm/core';
import { describe, expect, it } from 'vitest';
import { Conv1d, ConvTranspose1d, foldWeightNorm, Linear, removeWeightNorm, Sequential, Tanh, weightNorm } from './index.js';

const values = async (t: { data(): Promise<Float32Array> }) => Array.from(await t.data());

describe('weightNorm', () => {
  it('starts with g = ‖v‖, so the effective weight equals the original', async () => {
    const conv = new Conv1d(3, 4, 2);
    const original = await values(conv.weight);
    const wrapped = weightNorm(conv);
    expect(wrapped.g.shape).toEqual([4, 1, 1]);
    const w = await values(wrapped.weight());
    w.forEach((x, i) => expect(x).toBeCloseTo(original[i]!, 6));
  });

  it('gives g the shape torch does for every dim, including the -1 quirk', () => {
    const shapes = (dim: number | null) => weightNorm(new Conv1d(3, 4, 2), { dim }).g.shape;
    expect(shapes(0)).toEqual([4, 1, 1]);
    expect(shapes(1)).toEqual([1, 3, 1]);
    expect(shapes(2)).toEqual([1, 1, 2]);
    expect(shapes(-2)).toEqual([1, 3, 1]);
    expect(shapes(null)).toEqual([]);
    expect(shapes(-1)).toEqual([]);
    // ConvTranspose's weight is [in, out/groups, k]: dim 0 is the input channel, as in torch.
    expect(weightNorm(new ConvTranspose1d(5, 2, 3)).g.shape).toEqual([5, 1, 1]);
  });

  it('rejects a dim out of range with the allowed range', () => {
    expect(() => weightNorm(new Conv1d(3, 4, 2), { dim: 3 })).toThrow(
      'weightNorm: dim must be an integer in [-3, 2] for a 3-d weight; received 3',
    );
    expect(() => weightNorm(new Conv1d(3, 4, 2), { dim: -4 })).toThrow(AxisError);
    expect(() => weightNorm(new Linear(2, 2), { name: 'kernel' })).toThrow(WeightnormError);
    expect(() => weightNorm(weightNorm(new Linear(2, 2)))).toThrow(/not already weight-normed/);
  });

  it('gives NaN for a zero row, like torch, unless eps is set', async () => {
    const layer = new Linear(2, 2, { bias: false });
    await layer.loadStateDict({ weight: tensor([0, 0, 3, 4], [2, 2]) });
    const plain = weightNorm(layer);
    await plain.loadStateDict({ weight_g: tensor([1, 10], [2, 1]), weight_v: tensor([0, 0, 3, 4], [2, 2]) });
    const w = await values(plain.weight());
    expect(w.slice(0, 2).every(Number.isNaN)).toBe(true);
    expect(w.slice(2)).toEqual([6, 8]);

    const layer2 = new Linear(2, 2, { bias: false });
    const guarded = weightNorm(layer2, { eps: 1e-12 });
    await guarded.loadStateDict({ weight_g: tensor([1, 10], [2, 1]), weight_v: tensor([0, 0, 3, 4], [2, 2]) });
    expect((await values(guarded.weight())).slice(0, 2)).toEqual([0, 0]);
  });

  it('caches the folded weight in eval mode until g or v change', async () => {
    const wrapped = weightNorm(new Linear(2, 1, { bias: false })).eval();
    const first = wrapped.weight();
    await first.data();
    expect(wrapped.weight()).toBe(first);
    await wrapped.g.assign(tensor([2], [1, 1]));
    const second = wrapped.weight();
    expect(second).not.toBe(first);
    const [a, b] = await values(wrapped.v);
    const norm = Math.hypot(a!, b!);
    const got = await values(second);
    expect(got[0]).toBeCloseTo((2 * a!) / norm, 6);
    wrapped.train();
    expect(wrapped.weight()).not.toBe(wrapped.weight()); // recomputed every call in train mode
  });

  it('removeWeightNorm folds into a plain weight with torch key order', async () => {
    const wrapped = weightNorm(new Conv1d(2, 3, 3));
    const x = tensor(Float32Array.from({ length: 16 }, (_, i) => Math.sin(i)), [1, 2, 8]);
    const before = await values(wrapped.forward(x));
    const plain = await removeWeightNorm(wrapped);
    expect(Object.keys(plain.stateDict())).toEqual(['bias', 'weight']);
    const after = await values(plain.forward(x));
    after.forEach((y, i) => expect(Math.abs(y - before[i]!)).toBeLessThanOrEqual(1e-6));
  });

  it('foldWeightNorm replaces every wrapper in a model', async () => {
    const model = new Sequential(weightNorm(new Conv1d(1, 2, 3, { padding: 1 })), new Tanh(), weightNorm(new Conv1d(2, 1, 1)));
    const x = tensor([0.1, -0.4, 0.3, 0.9], [1, 1, 4]);
    const before = await values(model.forward(x));
    await foldWeightNorm(model);
    expect(Object.keys(model.stateDict())).toEqual(['0.bias', '0.weight', '2.bias', '2.weight']);
    (await values(model.forward(x))).forEach((y, i) => expect(Math.abs(y - before[i]!)).toBeLessThanOrEqual(1e-6));
  });
});
