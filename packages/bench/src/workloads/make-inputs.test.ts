import { describe, expect, it } from 'vitest';
import { foldWeightNorm } from './fold-weight-norm.js';
import { makeInputs } from './make-inputs.js';
import { WORKLOADS } from './index.js';

const cases = WORKLOADS.flatMap((w) => w.cases(true));
const byId = (id: string) => cases.find((c) => c.id === id)!;

describe('makeInputs', () => {
  it('is deterministic and fills every declared input with its shape', () => {
    for (const c of cases) {
      const a = makeInputs(c);
      expect([...a.keys()].sort()).toEqual(c.inputs.map((s) => s.name).sort());
      for (const s of c.inputs) expect(a.get(s.name)!.length).toBe(s.shape.reduce((x, y) => x * y, 1));
      expect(makeInputs(c)).toEqual(a);
    }
  });
  it('gives a cached case its train twin’s x and b and the folded w', () => {
    const train = makeInputs(byId('w2-conv1d-d3-train'));
    const cached = makeInputs(byId('w2-conv1d-d3-cached'));
    expect(cached.get('x')).toEqual(train.get('x'));
    expect(cached.get('b')).toEqual(train.get('b'));
    const rows = byId('w2-conv1d-d3-cached').inputs.find((s) => s.name === 'w')!.shape[0]!;
    expect(cached.get('w')).toEqual(foldWeightNorm(train.get('v')!, train.get('g')!, rows));
  });
  it('draws g positive (a norm) and the rest around zero', () => {
    const g = makeInputs(byId('w1-weight-norm-512x512x3')).get('g')!;
    expect(Math.min(...g)).toBeGreaterThanOrEqual(0.5);
    expect(Math.max(...g)).toBeLessThan(1.5);
  });
});

describe('foldWeightNorm', () => {
  it('scales each row of dim 0 to norm g', () => {
    const w = foldWeightNorm(new Float32Array([3, 4, 0, 5]), new Float32Array([10, 2]), 2);
    expect([...w]).toEqual([6, 8, 0, 2]);
  });
});
