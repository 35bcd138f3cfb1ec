import { describe, expect, it } from 'vitest';
import { forEachRow } from './for-each-row.js';

function rows(shape: number[], strides: number[][]) {
  const seen: { offsets: number[]; length: number; inner: number[] }[] = [];
  forEachRow(shape, strides, (offsets, length, inner) => seen.push({ offsets: [...offsets], length, inner: [...inner] }));
  return seen;
}

describe('forEachRow', () => {
  it('merges contiguous operands into a single row', () => {
    expect(rows([2, 3, 4], [[12, 4, 1], [12, 4, 1]])).toEqual([{ offsets: [0, 0], length: 24, inner: [1, 1] }]);
  });

  it('merges a broadcast operand with all-zero strides', () => {
    expect(rows([2, 3], [[3, 1], [0, 0]])).toEqual([{ offsets: [0, 0], length: 6, inner: [1, 0] }]);
  });

  it('merges only the axes every operand can merge', () => {
    // [N, C, H, W] + bias [1, C, 1, 1]: H and W merge; C stays its own axis.
    const got = rows([2, 3, 2, 2], [[12, 4, 2, 1], [0, 1, 0, 0]]);
    expect(got.map((r) => r.offsets)).toEqual([[0, 0], [4, 1], [8, 2], [12, 0], [16, 1], [20, 2]]);
    expect(got[0].length).toBe(4);
    expect(got[0].inner).toEqual([1, 0]);
  });

  it('walks a transpose with strided rows', () => {
    expect(rows([3, 2], [[1, 3], [2, 1]]).map((r) => [r.offsets, r.length, r.inner])).toEqual([
      [[0, 0], 2, [3, 1]],
      [[1, 2], 2, [3, 1]],
      [[2, 4], 2, [3, 1]],
    ]);
  });

  it('visits a 0-d shape once and a zero-size shape never', () => {
    expect(rows([], [[], []])).toEqual([{ offsets: [0, 0], length: 1, inner: [0, 0] }]);
    expect(rows([1, 1], [[1, 1]])).toEqual([{ offsets: [0], length: 1, inner: [0] }]);
    expect(rows([3, 0], [[0, 1]])).toEqual([]);
  });
});
