import { describe, expect, it } from 'vitest';
import { tileSegments } from './tile-segments.js';

describe('tileSegments', () => {
  it('cuts a tile of a [3, 4] grid into last-axis runs', () => {
    const t = tileSegments([3, 4], 2, 7); // positions 2..8: (0,2)(0,3) | (1,0)..(1,3) | (2,0)
    expect(t.count).toBe(3);
    expect([...t.column]).toEqual([0, 2, 6]);
    expect([...t.length]).toEqual([2, 4, 1]);
    expect([...t.last]).toEqual([2, 0, 0]);
    expect([...t.outer]).toEqual([0, 1, 2]);
  });

  it('decodes every outer coordinate of a 3-d grid', () => {
    const grid = [2, 3, 5];
    const t = tileSegments(grid, 0, 30);
    expect(t.count).toBe(6);
    for (let s = 0; s < t.count; s++) {
      expect([t.outer[2 * s], t.outer[2 * s + 1]]).toEqual([Math.floor(s / 3), s % 3]);
      expect(t.length[s]).toBe(5);
    }
  });

  it('handles a 1-d grid and an empty tile', () => {
    const t = tileSegments([10], 3, 4);
    expect([t.count, t.column[0], t.length[0], t.last[0], t.outer.length]).toEqual([1, 0, 4, 3, 0]);
    expect(tileSegments([10], 10, 0).count).toBe(0);
  });
});
