import { describe, expect, it } from 'vitest';
import { CONTENDERS } from '../contenders/index.js';
import { WORKLOADS } from '../workloads/index.js';
import { select } from './select.js';

const cases = WORKLOADS.flatMap((w) => w.cases(true));

describe('select (--only)', () => {
  it('keeps everything without tokens', () => {
    const s = select([], cases, CONTENDERS);
    expect(s.cases.length).toBe(cases.length);
    expect(s.contenders.length).toBe(CONTENDERS.length);
  });
  it('matches a workload id exactly, not as a substring of case ids', () => {
    const s = select(['R'], cases, CONTENDERS);
    expect(s.cases.map((c) => c.workload)).toEqual(['R', 'R']);
  });
  it('matches part of a case id and narrows contenders, always keeping the reference', () => {
    const s = select(['conv1d-d3', 'ort-node'], cases, CONTENDERS);
    expect(s.cases.map((c) => c.id)).toEqual(['w2-conv1d-d3-train', 'w2-conv1d-d3-cached']);
    expect(s.contenders.map((c) => c.name)).toEqual(['ours-cpu', 'ort-node']);
  });
  it('names the valid choices for an unknown token', () => {
    expect(() => select(['W9'], cases, CONTENDERS)).toThrow(/"W9" names no contender .*W1, W2/);
  });
});
