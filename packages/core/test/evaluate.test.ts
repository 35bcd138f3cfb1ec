import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  BackendError,
  BackendUnavailableError,
  evaluate,
  getBackend,
  registerBackend,
  setBackend,
  tensor,
} from '../src/index.js';
import { countingBackend, type Counters } from './counting-backend.js';

let counters: Counters;
let n = 0;

beforeEach(async () => {
  const made = countingBackend(`count-${n++}`);
  counters = made.counters;
  registerBackend(made.backend.name, () => made.backend);
  await setBackend(made.backend.name);
});

describe('lazy evaluation', () => {
  it('records a graph and runs nothing until data() is awaited', async () => {
    const x = tensor([1, 2, 3], [3]);
    const y = x.mul(2).add(1);
    expect(y.op).toBe('Add');
    expect(counters.calls).toEqual({});
    expect(Array.from(await y.data())).toEqual([3, 5, 7]);
    expect(counters.calls).toEqual({ Mul: 1, Add: 1 });
    expect(counters.flushes).toBe(1);
  });

  it('runs a subgraph shared by several targets once', async () => {
    const shared = tensor([1, 2], [2]).mul(3);
    const a = shared.add(1);
    const b = shared.neg();
    await evaluate(a, b);
    expect(counters.calls.Mul).toBe(1);
    expect(Array.from(await a.data())).toEqual([4, 7]);
    expect(Array.from(await b.data())).toEqual([-3, -6]);
    expect(counters.calls.Mul).toBe(1); // targets keep their storage: no recompute
  });

  it('frees intermediates as soon as their last consumer ran, and keeps targets', async () => {
    const x = tensor([1, 2, 3, 4], [4]);
    const y = x.mul(2).add(1).mul(3).neg();
    await y.data();
    // Live: the leaf's upload, the three scalar constants' uploads, and the target.
    expect(counters.live.size).toBe(1 + 3 + 1);
    expect(counters.disposed).toBe(3); // mul(2), add(1), mul(3)
    y.dispose();
    expect(counters.live.size).toBe(4);
  });

  it('treats reshape as a view: no kernel, shared storage', async () => {
    const x = tensor([1, 2, 3, 4, 5, 6], [2, 3]);
    const y = x.reshape([3, 2]).reshape([-1]);
    expect(y.shape).toEqual([6]);
    expect(Array.from(await y.data())).toEqual([1, 2, 3, 4, 5, 6]);
    expect(counters.calls).toEqual({});
  });

  it('moves realized data when the backend changes', async () => {
    const y = tensor([1, 2], [2]).add(1);
    await y.data();
    const other = countingBackend('count-other');
    registerBackend('count-other', () => other.backend);
    await setBackend('count-other');
    expect(Array.from(await y.neg().data())).toEqual([-2, -3]);
    expect(other.counters.uploads).toBe(1);
    expect(other.counters.calls).toEqual({ Neg: 1 });
  });
});

describe('backend selection and failures', () => {
  afterEach(() => {
    delete process.env.WEIGHTNORM_BACKEND;
  });

  it('rejects an unknown backend with the registered names and keeps the current one', async () => {
    const before = getBackend();
    const err = await setBackend('nope').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackendUnavailableError);
    expect((err as Error).message).toMatch(/setBackend: name must be a registered backend \(.*count-/);
    expect(getBackend()).toBe(before);
  });

  it('rejects a backend whose factory throws, with the reason', async () => {
    registerBackend('broken', () => {
      throw new Error('no adapter');
    });
    await expect(setBackend('broken')).rejects.toThrow('setBackend: backend "broken" failed to start: no adapter');
  });

  it('wraps a kernel failure in a BackendError naming the kernel', async () => {
    const { backend } = countingBackend('failing', { failOn: 'Mul' });
    registerBackend('failing', () => backend);
    await setBackend('failing');
    const err = await tensor([1], [1]).mul(2).data().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackendError);
    expect((err as BackendError).kernel).toBe('Mul');
    expect((err as Error).message).toContain('failing kernel Mul failed on [1], [1]: device exploded');
  });

  it('reports a missing required kernel instead of guessing', async () => {
    const { backend } = countingBackend('no-neg', { without: ['Neg'] });
    registerBackend('no-neg', () => backend);
    await setBackend('no-neg');
    await expect(tensor([1], [1]).neg().data()).rejects.toThrow(/a backend with a kernel for the required op Neg/);
  });

  it('uses a composite when a composable kernel is missing (WeightNorm from Mul/Sum/Sqrt/Div)', async () => {
    const { normalizeWeight } = await import('../src/index.js');
    const v = tensor([3, 4], [1, 2]);
    const g = tensor([10], [1, 1]);
    expect(Array.from(await normalizeWeight(v, g, { dim: 0 }).data())).toEqual([6, 8]);
    expect(counters.calls.Sum).toBe(1);
  });

  it('reads the default from WEIGHTNORM_BACKEND', async () => {
    const { defaultBackendName } = await import('../src/index.js');
    process.env.WEIGHTNORM_BACKEND = 'webgpu';
    expect(defaultBackendName()).toBe('webgpu');
    delete process.env.WEIGHTNORM_BACKEND;
    expect(defaultBackendName()).toBe('cpu');
  });
});
