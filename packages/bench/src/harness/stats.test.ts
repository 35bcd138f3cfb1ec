import { describe, expect, it } from 'vitest';
import { stats } from './stats.js';

describe('stats', () => {
  it('takes the middle sample of an odd count, whatever the order', () => {
    expect(stats([5, 1, 3])).toEqual({ n: 3, median: 3, min: 1, max: 5 });
  });
  it('averages the middle two of an even count', () => {
    expect(stats([4, 1, 10, 2])).toEqual({ n: 4, median: 3, min: 1, max: 10 });
  });
  it('does not reorder the caller’s array', () => {
    const s = [3, 1, 2];
    stats(s);
    expect(s).toEqual([3, 1, 2]);
  });
  it('rejects an empty sample set', () => {
    expect(() => stats([])).toThrow(/at least one sample/);
  });
});
