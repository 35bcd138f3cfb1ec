import { describe, expect, it } from 'vitest';
import { AxisError } from '../errors/axis-error.js';
import { ShapeError } from '../errors/shape-error.js';
import { applyLayoutSteps } from './apply-layout-steps.js';

const iota = (n: number) => Float32Array.from({ length: n }, (_, i) => i);

describe('applyLayoutSteps', () => {
  it('transposes a matrix row-major', () => {
    const out = applyLayoutSteps(iota(6), [2, 3], [{ kind: 'permute', perm: [1, 0] }]);
    expect(out.shape).toEqual([3, 2]);
    expect([...out.data]).toEqual([0, 3, 1, 4, 2, 5]);
  });

  it('follows torch permute semantics: output axis i is input axis perm[i]', () => {
    // x = arange(24).reshape(2, 3, 4); x.permute(2, 0, 1)[k, i, j] == x[i, j, k]
    const out = applyLayoutSteps(iota(24), [2, 3, 4], [{ kind: 'permute', perm: [2, 0, 1] }]);
    expect(out.shape).toEqual([4, 2, 3]);
    for (let i = 0; i < 2; i++)
      for (let j = 0; j < 3; j++)
        for (let k = 0; k < 4; k++) expect(out.data[k * 6 + i * 3 + j]).toBe(i * 12 + j * 4 + k);
  });

  it('reshapes without moving data, and never aliases or mutates the input', () => {
    const data = iota(6);
    const out = applyLayoutSteps(data, [2, 3], [{ kind: 'reshape', shape: [3, 2] }]);
    expect(out.shape).toEqual([3, 2]);
    expect([...out.data]).toEqual([0, 1, 2, 3, 4, 5]);
    expect(out.data).not.toBe(data);
    out.data[0] = 99;
    expect(data[0]).toBe(0);
    const none = applyLayoutSteps(data, [2, 3], []);
    expect(none.data).not.toBe(data);
  });

  it('handles 0-d and empty arrays', () => {
    expect(applyLayoutSteps(Float32Array.of(7), [], [{ kind: 'permute', perm: [] }])).toEqual({
      data: Float32Array.of(7),
      shape: [],
    });
    expect(applyLayoutSteps(new Float32Array(0), [2, 0, 3], [{ kind: 'permute', perm: [2, 1, 0] }]).shape).toEqual([3, 0, 2]);
  });

  it('rejects inconsistent input', () => {
    expect(() => applyLayoutSteps(iota(5), [2, 3], [])).toThrow(ShapeError);
    expect(() => applyLayoutSteps(iota(6), [2, 3], [{ kind: 'reshape', shape: [4, 2] }])).toThrow(ShapeError);
    expect(() => applyLayoutSteps(iota(6), [2, 3], [{ kind: 'permute', perm: [0, 0] }])).toThrow(AxisError);
    expect(() => applyLayoutSteps(iota(6), [2, 3], [{ kind: 'permute', perm: [0, 1, 2] }])).toThrow(
      'applyLayoutSteps: steps[0].perm must be a permutation of [0, 1] for a 2-d array; received [0, 1, 2]',
    );
  });
});
