import { createCpuBackend } from '@weightnorm/backend-cpu';
import { tensor, type Tensor } from '@weightnorm/core';
import { useBackend } from '@weightnorm/core/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { Conv1d, ConvTranspose1d, Linear, LeakyReLU, Module, ModuleList, Sequential, valueAndGrad, weightNorm } from './index.js';

class Gen extends Module {
  pre = this.registerModule('pre', weightNorm(new Conv1d(2, 3, 3, { padding: 1 })));
  ups = this.registerModule('ups', new ModuleList([weightNorm(new ConvTranspose1d(3, 2, 4, { stride: 2, padding: 1 }))]));
  forward(x: Tensor): Tensor {
    return (this.ups.children()[0] as Module).forward(new LeakyReLU(0.1).forward(this.pre.forward(x)));
  }
}

afterAll(() => useBackend(createCpuBackend()));

describe('valueAndGrad(module, fn)', () => {
  it('keys gradients like the state dict, nested and with parametrizations naming', async () => {
    const model = new Gen();
    const x = tensor(Array.from({ length: 10 }, (_, i) => Math.sin(i)), [1, 2, 5]);
    const { value, grads, paramGrads } = await valueAndGrad(model, (m) => m.forward(x).square().sum());
    expect(Object.keys(grads)).toEqual(Object.keys(model.stateDict()));
    expect(Object.keys(grads)).toContain('ups.0.weight_g');
    for (const [k, p] of Object.entries(model.stateDict())) {
      expect([...grads[k]!.shape]).toEqual([...p.shape]);
      expect(paramGrads.get(p)).toBe(grads[k]);
    }
    expect(await value.item()).toBeGreaterThan(0);
    const named = await valueAndGrad(model, (m) => m.forward(x).square().sum(), { naming: 'parametrizations' });
    expect(Object.keys(named.grads)).toEqual(Object.keys(model.stateDict({ naming: 'parametrizations' })));
    expect(Object.keys(named.grads)).toContain('ups.0.parametrizations.weight.original0');
  });

  it('routes a train-mode weight norm through the fused backward pair', async () => {
    const layer = weightNorm(new Linear(4, 3));
    const x = tensor([1, 2, 3, 4, 5, 6, 7, 8], [2, 4]);
    const { grads } = await valueAndGrad(layer.train(), (m) => m.forward(x).sum());
    expect(grads.weight_g!.op).toBe('WeightNormGradG');
    expect(grads.weight_v!.op).toBe('WeightNormGradV');
  });

  it('evaluates the value and every gradient in one evaluate call (one flush)', async () => {
    let flushes = 0;
    const cpu = createCpuBackend();
    await useBackend({ ...cpu, flush: () => void flushes++ });
    const net = new Sequential(weightNorm(new Conv1d(2, 4, 3)), new LeakyReLU(0.2), weightNorm(new Conv1d(4, 1, 3)));
    const x = tensor(Array.from({ length: 16 }, (_, i) => Math.cos(i)), [1, 2, 8]);
    const { grads } = await valueAndGrad(net, (m) => m.forward(x).mean());
    expect(flushes).toBe(1);
    expect(Object.values(grads).every((g) => g.ref !== null)).toBe(true);
  });

  it('rejects a non-scalar loss with a typed error', async () => {
    const layer = new Linear(2, 2);
    await expect(valueAndGrad(layer, (m) => m.forward(tensor([1, 2], [1, 2])))).rejects.toThrow(/grad: output must be a one-element tensor/);
  });
});
