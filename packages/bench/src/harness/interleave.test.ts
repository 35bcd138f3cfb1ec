import { describe, expect, it } from 'vitest';
import { callPlan } from './call-plan.js';
import { interleave } from './interleave.js';

describe('interleave', () => {
  it('runs every warm-up first, then round i of every contender before round i+1 of any', () => {
    const steps = interleave(new Map([['a', { warmup: 1, timed: 2 }], ['b', { warmup: 1, timed: 2 }]]));
    expect(steps.map((s) => `${s.phase[0]}${s.round}${s.contender}`)).toEqual(['w0a', 'w0b', 't0a', 't0b', 't1a', 't1b']);
  });
  it('drops a contender with fewer calls out of the later rounds only', () => {
    const steps = interleave(new Map([['slow', { warmup: 0, timed: 1 }], ['fast', { warmup: 2, timed: 3 }]]));
    expect(steps.map((s) => `${s.phase[0]}${s.round}${s.contender}`)).toEqual(['w0fast', 'w1fast', 't0slow', 't0fast', 't1fast', 't2fast']);
  });
  it('is empty for no contenders', () => {
    expect(interleave(new Map())).toEqual([]);
  });
});

describe('callPlan', () => {
  const o = { iters: 10, minIters: 3, warmup: 2, budgetMs: 20_000 };
  it('gives a fast contender all its calls and its warm-up', () => {
    expect(callPlan(50, o)).toEqual({ warmup: 2, timed: 10 });
  });
  it('fits a slow contender into the budget, never under the minimum, and skips its warm-up', () => {
    expect(callPlan(4000, o)).toEqual({ warmup: 0, timed: 5 });
    expect(callPlan(60_000, o)).toEqual({ warmup: 0, timed: 3 });
  });
});
