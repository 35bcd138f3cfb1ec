import { tensor, WeightnormError, type Tensor } from '@weightnorm/core';
import { describe, expect, it } from 'vitest';
import { Conv1d, Conv2d, ConvTranspose1d, Linear, manualSeed, weightNorm, type Module } from './index.js';
import { initWeightNormFromData } from './init-weight-norm-from-data.js';

function randn(shape: number[], seed: number, shift = 0, scale = 1): Tensor {
  let s = seed;
  const u = () => ((s = (s * 1103515245 + 12345) % 2147483648) + 1) / 2147483649;
  const n = shape.reduce((a, b) => a * b, 1);
  return tensor(Array.from({ length: n }, () => shift + scale * Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u())), shape);
}

/** Per-channel mean and biased std of y along `axis`, in float64. */
async function stats(y: Tensor, axis: number): Promise<{ mean: number[]; std: number[] }> {
  const v = await y.data();
  const c = y.shape[axis]!;
  const inner = y.shape.slice(axis + 1).reduce((a, b) => a * b, 1);
  const sums = new Array<number>(c).fill(0);
  const sq = new Array<number>(c).fill(0);
  const count = v.length / c;
  v.forEach((x, i) => (sums[Math.floor(i / inner) % c]! += x));
  const mean = sums.map((s) => s / count);
  v.forEach((x, i) => {
    const k = Math.floor(i / inner) % c;
    sq[k]! += (x - mean[k]!) ** 2;
  });
  return { mean, std: sq.map((s) => Math.sqrt(s / count)) };
}

describe('initWeightNormFromData (Salimans & Kingma 2016 data-dependent init)', () => {
  const layers: [string, () => Module, number[], number][] = [
    ['Conv1d', () => new Conv1d(3, 5, 3, { padding: 1 }), [4, 3, 20], 1],
    ['Conv2d', () => new Conv2d(2, 4, [3, 2]), [3, 2, 6, 5], 1],
    ['Linear', () => new Linear(6, 4), [50, 6], 1],
    ['ConvTranspose1d dim 1', () => new ConvTranspose1d(3, 4, 4, { stride: 2 }), [4, 3, 10], 1],
  ];
  for (const [name, make, shape, axis] of layers) {
    it(`${name}: first outputs have mean 0 and std 1 per channel`, async () => {
      manualSeed(7);
      const wrapper = weightNorm(make(), { dim: name.includes('Transpose') ? 1 : 0 });
      const x = randn(shape, 11, 0.7, 2.5);
      const before = await stats(wrapper.forward(x), name === 'Linear' ? 1 : axis);
      expect(Math.max(...before.std.map((s) => Math.abs(s - 1)))).toBeGreaterThan(0.05);
      await initWeightNormFromData(wrapper, x);
      for (const mode of ['train', 'eval'] as const) {
        const { mean, std } = await stats((mode === 'train' ? wrapper.train() : wrapper.eval()).forward(x), name === 'Linear' ? 1 : axis);
        for (const m of mean) expect(Math.abs(m)).toBeLessThan(1e-5);
        for (const s of std) expect(Math.abs(s - 1)).toBeLessThan(1e-5);
      }
    });
  }

  it('works on an unbatched Conv1d input', async () => {
    const wrapper = weightNorm(new Conv1d(2, 3, 3));
    const x = randn([2, 30], 3, -1, 3);
    await initWeightNormFromData(wrapper, x);
    const { mean, std } = await stats(wrapper.forward(x), 0);
    for (const m of mean) expect(Math.abs(m)).toBeLessThan(1e-5);
    for (const s of std) expect(Math.abs(s - 1)).toBeLessThan(1e-5);
  });

  it('needs one g per output channel, and leaves the layer unchanged on a bad input', async () => {
    const whole = weightNorm(new Conv1d(2, 3, 3), { dim: null });
    await expect(initWeightNormFromData(whole, randn([1, 2, 5], 1))).rejects.toThrow(/initWeightNormFromData: wrapper must be a weight norm with one g per output channel/);
    const convT = weightNorm(new ConvTranspose1d(2, 3, 3));
    await expect(initWeightNormFromData(convT, randn([1, 2, 5], 1))).rejects.toThrow(WeightnormError);
    const conv = weightNorm(new Conv1d(2, 3, 3));
    const g = Array.from(await conv.g.data());
    await expect(initWeightNormFromData(conv, randn([1, 4, 5], 1))).rejects.toThrow(/Conv1d.forward: input must be/);
    expect(Array.from(await conv.g.data())).toEqual(g);
  });
});
