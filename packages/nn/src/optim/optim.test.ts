import { tensor, WeightnormError, type Tensor } from '@weightnorm/core';
import { describe, expect, it } from 'vitest';
import { Adam } from './adam.js';
import { AdamW } from './adam-w.js';
import type { Optimizer } from './optimizer.js';
import { SGD } from './sgd.js';

const grads = (pairs: [Tensor, number[]][]) => new Map(pairs.map(([p, g]) => [p, tensor(g, p.shape)]));
const values = async (t: Tensor) => Array.from(await t.data());
const f = Math.fround;

describe('SGD', () => {
  it('applies torch formulas for momentum, dampening, nesterov and weight decay', async () => {
    const p = tensor([1, -2], [2]);
    const opt = new SGD([p], { lr: 0.1, momentum: 0.9, dampening: 0.2, weightDecay: 0.01 });
    const g1 = [0.5, 1];
    const g2 = [-1, 0.25];
    await opt.step(grads([[p, g1]]));
    // buf = d = g + wd·p (no dampening on the first step, as torch clones d)
    const d1 = [0.5 + 0.01 * 1, 1 + 0.01 * -2];
    const p1 = [1 - 0.1 * d1[0]!, -2 - 0.1 * d1[1]!];
    (await values(p)).forEach((v, i) => expect(v).toBeCloseTo(p1[i]!, 6));
    await opt.step(grads([[p, g2]]));
    const d2 = g2.map((g, i) => g + 0.01 * f(p1[i]!));
    const buf = d1.map((b, i) => 0.9 * b + 0.8 * d2[i]!);
    (await values(p)).forEach((v, i) => expect(v).toBeCloseTo(p1[i]! - 0.1 * buf[i]!, 6));

    const q = tensor([1], [1]);
    const nes = new SGD([q], { lr: 0.1, momentum: 0.5, nesterov: true });
    await nes.step(grads([[q, [2]]]));
    // nesterov: d + momentum·buf with buf = d on the first step: 2 + 1 = 3
    expect((await values(q))[0]).toBeCloseTo(1 - 0.3, 6);
  });

  it('rejects nesterov without momentum and a negative lr, naming the option', () => {
    const p = tensor([1], [1]);
    expect(() => new SGD([p], { lr: 0.1, nesterov: true })).toThrow(/SGD: nesterov must be true only with momentum > 0/);
    expect(() => new SGD([p], { lr: -1 })).toThrow(WeightnormError);
    expect(() => new SGD([], { lr: 1 })).toThrow(/params must be a non-empty list/);
  });
});

describe('Adam and AdamW', () => {
  it('match torch update formulas over three steps (float64 replay)', async () => {
    for (const [Ctor, decoupled] of [[Adam, false], [AdamW, true]] as const) {
      const p = tensor([0.5, -1.5, 2], [3]);
      const opt = new Ctor([p], { lr: 0.01, weightDecay: 0.1, amsgrad: true });
      let ref = [0.5, -1.5, 2];
      let m = [0, 0, 0];
      let v = [0, 0, 0];
      let vmax = [0, 0, 0];
      const steps = [[1, -2, 0.5], [0.1, 0.3, -4], [2, 2, 2]];
      for (let s = 1; s <= steps.length; s++) {
        const g0 = steps[s - 1]!;
        await opt.step(grads([[p, g0]]));
        const g = decoupled ? g0 : g0.map((x, i) => x + 0.1 * ref[i]!);
        if (decoupled) ref = ref.map((x) => x * (1 - 0.01 * 0.1));
        m = m.map((x, i) => 0.9 * x + 0.1 * g[i]!);
        v = v.map((x, i) => 0.999 * x + 0.001 * g[i]! * g[i]!);
        vmax = vmax.map((x, i) => Math.max(x, v[i]!));
        const stepSize = 0.01 / (1 - 0.9 ** s);
        const bc2 = Math.sqrt(1 - 0.999 ** s);
        ref = ref.map((x, i) => x - (stepSize * m[i]!) / (Math.sqrt(vmax[i]!) / bc2 + 1e-8));
        (await values(p)).forEach((got, i) => expect(Math.abs(got - ref[i]!)).toBeLessThan(1e-6));
      }
    }
  });

  it("uses torch's defaults", () => {
    const p = tensor([1], [1]);
    expect(new Adam([p]).stateDict().param_groups[0]).toMatchObject({ lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weight_decay: 0, amsgrad: false });
    expect(new AdamW([p]).stateDict().param_groups[0]).toMatchObject({ lr: 1e-3, weight_decay: 1e-2 });
    expect(() => new Adam([p], { betas: [1, 0.9] })).toThrow(/Adam: betas must be two numbers in \[0, 1\)/);
  });
});

describe('optimizer state, groups and gradient slots', () => {
  it('stateDict has torch layout and loadStateDict resumes exactly', async () => {
    const make = () => [tensor([1, 2], [2]), tensor([3], [1])] as const;
    const steps = [[[0.5, -1], [2]], [[1, 1], [-1]], [[-0.2, 0.4], [0.3]]];
    const [a, b] = make();
    const straight = new Adam([{ params: [a] }, { params: [b], lr: 0.1 }], { lr: 0.01 });
    for (const [ga, gb] of steps) await straight.step(grads([[a, ga!], [b, gb!]]));

    const [c, d] = make();
    const first = new Adam([{ params: [c] }, { params: [d], lr: 0.1 }], { lr: 0.01 });
    await first.step(grads([[c, steps[0]![0]!], [d, steps[0]![1]!]]));
    const saved = first.stateDict();
    expect(Object.keys(saved.state)).toEqual(['0', '1']);
    expect(Object.keys(saved.state[0]!)).toEqual(['step', 'exp_avg', 'exp_avg_sq']);
    expect(await saved.state[1]!.step!.item()).toBe(1);
    expect(saved.param_groups.map((g) => [g.lr, g.params])).toEqual([[0.01, [0]], [0.1, [1]]]);

    const resumed = new Adam([{ params: [c] }, { params: [d] }], { lr: 0.5 });
    await resumed.loadStateDict(saved);
    expect(resumed.stateDict().param_groups.map((g) => g.lr)).toEqual([0.01, 0.1]);
    for (const [ga, gb] of steps.slice(1)) await resumed.step(grads([[c, ga!], [d, gb!]]));
    expect(await values(c)).toEqual(await values(a));
    expect(await values(d)).toEqual(await values(b));
  });

  it('accumulates gradients until zeroGrad, and skips parameters without one', async () => {
    const p = tensor([1], [1]);
    const q = tensor([5], [1]);
    const opt: Optimizer<object> = new SGD([p, q], { lr: 1 });
    opt.accumulate(grads([[p, [0.25]]]));
    opt.accumulate(grads([[p, [0.5]]]));
    await opt.step();
    expect(await values(p)).toEqual([0.25]);
    expect(await values(q)).toEqual([5]);
    opt.zeroGrad();
    await opt.step();
    expect(await values(p)).toEqual([0.25]);
  });

  it('updates parameters in place as leaves, bumping their version', async () => {
    const p = tensor([1, 2], [2]);
    const opt = new SGD([p], { lr: 0.5 });
    await opt.step(grads([[p, [1, 1]]]));
    expect(p.isLeaf).toBe(true);
    expect(p.inputs).toEqual([]);
    expect(p.version).toBe(1);
    expect(await values(p)).toEqual([0.5, 1.5]);
  });
});
