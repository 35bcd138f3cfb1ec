import { describe, expect, it } from 'vitest';
import { BackendError, evaluate, registerBackend, setBackend, tensor } from '../src/index.js';
import { MAX_CHAIN_STEPS } from '../src/ir/find-chains.js';
import { countingBackend, type Counters } from './counting-backend.js';

let n = 0;
async function use(chains: 'run' | 'decline' | 'throw'): Promise<Counters> {
  const made = countingBackend(`chains-${n++}`, { chains });
  registerBackend(made.backend.name, () => made.backend);
  await setBackend(made.backend.name);
  return made.counters;
}

describe('elementwise chains', () => {
  it('hands a chain of ops to the backend in one call, in evaluation order, and runs no kernel', async () => {
    const counters = await use('run');
    const x = tensor([1, 2, 3], [3]);
    const y = x.mul(2).add(1).neg().div(tensor([2], [1]));
    expect(Array.from(await y.data())).toEqual([-1.5, -2.5, -3.5]);
    expect(counters.chains).toEqual([['Mul', 'Add', 'Neg', 'Div']]);
    expect(counters.calls).toEqual({});
  });

  it('takes both sides of a binary op into one chain', async () => {
    const counters = await use('run');
    const x = tensor([1, 2], [2]);
    const y = x.mul(3).sub(x.add(1));
    expect(Array.from(await y.data())).toEqual([1, 3]);
    expect(counters.chains).toHaveLength(1);
    expect([...counters.chains[0]!].sort()).toEqual(['Add', 'Mul', 'Sub']);
    expect(counters.chains[0]![2]).toBe('Sub');
  });

  it('leaves out an intermediate that is read twice, is a target, or has another shape', async () => {
    const counters = await use('run');
    const x = tensor([1, 2, 3], [3]);
    const twice = x.mul(2);
    const a = twice.add(twice).neg(); // twice has two uses: [Add, Neg] chains, Mul runs alone
    const target = x.add(5);
    const b = target.mul(2).sub(1); // target is wanted: [Mul, Sub] chains, Add runs alone
    const small = tensor([4], [1]).mul(2);
    const c = x.add(small).neg(); // small is [1], not [3]: [Add, Neg] chains, Mul runs alone
    await evaluate(a, target, b, c);
    expect(Array.from(await a.data())).toEqual([-4, -8, -12]);
    expect(Array.from(await target.data())).toEqual([6, 7, 8]);
    expect(Array.from(await b.data())).toEqual([11, 13, 15]);
    expect(Array.from(await c.data())).toEqual([-9, -10, -11]);
    expect(counters.chains.map((c) => c.join(' '))).toEqual(['Add Neg', 'Mul Sub', 'Add Neg']);
    expect(counters.calls).toEqual({ Mul: 2, Add: 1 });
  });

  it('runs each op on its own where the backend declines, with the same values', async () => {
    const counters = await use('decline');
    const y = tensor([1, 2, 3], [3]).mul(2).add(1).neg();
    expect(Array.from(await y.data())).toEqual([-3, -5, -7]);
    expect(counters.chains).toEqual([['Mul', 'Add', 'Neg']]);
    expect(counters.calls).toEqual({ Mul: 1, Add: 1, Neg: 1 });
  });

  it('frees every intermediate and keeps only what the caller holds', async () => {
    const counters = await use('run');
    const x = tensor([1, 2, 3], [3]);
    const y = x.mul(2).add(1).neg();
    await evaluate(y);
    // The uploaded leaves (x and the two scalars) and y's result: no other storage lives on.
    expect(counters.uploads).toBe(3);
    expect(counters.live.size).toBe(counters.uploads + 1);
    y.dispose();
    expect(counters.live.size).toBe(counters.uploads);
  });

  it('recomputes an absorbed intermediate when it is asked for later', async () => {
    const counters = await use('run');
    const x = tensor([1, 2, 3], [3]);
    const m = x.mul(10);
    const y = m.add(1).neg();
    expect(Array.from(await y.data())).toEqual([-11, -21, -31]);
    expect(Array.from(await m.data())).toEqual([10, 20, 30]);
    expect(counters.chains).toEqual([['Mul', 'Add', 'Neg']]);
    expect(counters.calls).toEqual({ Mul: 1 });
  });

  it(`cuts a long chain into chains of at most ${MAX_CHAIN_STEPS} ops`, async () => {
    const counters = await use('run');
    let y = tensor([0], [1]);
    for (let i = 0; i < 40; i++) y = y.add(1);
    expect(Array.from(await y.data())).toEqual([40]);
    expect(counters.chains.every((c) => c.length <= MAX_CHAIN_STEPS)).toBe(true);
    expect(counters.chains.reduce((s, c) => s + c.length, 0) + (counters.calls.Add ?? 0)).toBe(40);
  });

  it('wraps a chain runner failure in a BackendError naming the chain', async () => {
    await use('throw');
    const y = tensor([1, 2], [2]).mul(2).add(1);
    const error = await y.data().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackendError);
    expect((error as Error).message).toMatch(/elementwise chain Mul → Add on \[2\]: chain exploded/);
  });
});
