import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AxisError } from '../errors/axis-error.js';
import { ShapeError } from '../errors/shape-error.js';
import { normalizeAxes, normalizeDim } from './normalize-dim.js';

const where = { op: 'sum' };

describe('normalizeDim', () => {
  it('wraps every valid dim to (dim + ndim) % ndim', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 8 })
          .chain((ndim) => fc.tuple(fc.constant(ndim), fc.integer({ min: -ndim, max: ndim - 1 }))),
        ([ndim, dim]) => {
          expect(normalizeDim(dim, ndim, where)).toBe((dim + ndim) % ndim);
        },
      ),
    );
  });

  it('rejects every out-of-range dim with the range in the message', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }).chain((ndim) =>
          fc.tuple(
            fc.constant(ndim),
            fc.oneof(fc.integer({ min: ndim, max: 1000 }), fc.integer({ min: -1000, max: -ndim - 1 })),
          ),
        ),
        ([ndim, dim]) => {
          const call = () => normalizeDim(dim, ndim, where);
          expect(call).toThrow(AxisError);
          expect(call).toThrow(
            `sum: dim must be an integer in [${-ndim}, ${ndim - 1}] for a ${ndim}-d tensor; received ${dim}`,
          );
        },
      ),
    );
  });

  it('rejects non-integers, NaN and infinities', () => {
    for (const dim of [0.5, -1.5, Number.NaN, Infinity, -Infinity]) {
      expect(() => normalizeDim(dim, 3, where)).toThrow(AxisError);
    }
  });

  it('treats a 0-d tensor as [-1, 0], like torch', () => {
    expect(normalizeDim(0, 0, where)).toBe(0);
    expect(normalizeDim(-1, 0, where)).toBe(0);
    expect(() => normalizeDim(1, 0, where)).toThrow('sum: dim must be an integer in [-1, 0] for a 0-d tensor; received 1');
  });

  it('names the argument given and records the details', () => {
    try {
      normalizeDim(5, 2, { op: 'norm', argument: 'axis' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AxisError);
      const err = e as AxisError;
      expect(err.message).toBe('norm: axis must be an integer in [-2, 1] for a 2-d tensor; received 5');
      expect([err.op, err.argument, err.received]).toEqual(['norm', 'axis', 5]);
    }
  });

  it('returns +0, not -0', () => {
    expect(Object.is(normalizeDim(-0, 3, where), 0)).toBe(true);
  });

  it('rejects a bad rank', () => {
    expect(() => normalizeDim(0, -1, where)).toThrow(ShapeError);
    expect(() => normalizeDim(0, 1.5, where)).toThrow(ShapeError);
  });
});

describe('normalizeAxes', () => {
  it('treats undefined as all axes', () => {
    expect(normalizeAxes(undefined, 3, where)).toEqual([0, 1, 2]);
    expect(normalizeAxes(undefined, 0, where)).toEqual([]);
  });

  it('keeps an empty list empty', () => {
    expect(normalizeAxes([], 3, where)).toEqual([]);
  });

  it('wraps and sorts', () => {
    expect(normalizeAxes([-1, 0], 3, where)).toEqual([0, 2]);
    expect(normalizeAxes([2, -3, 1], 3, where)).toEqual([0, 1, 2]);
  });

  it('rejects duplicates after wrapping', () => {
    expect(() => normalizeAxes([1, -2], 3, where)).toThrow(AxisError);
    expect(() => normalizeAxes([1, -2], 3, where)).toThrow(
      'sum: dim must be a list of distinct integers in [-3, 2] for a 3-d tensor; received [1, -2]',
    );
  });

  it('rejects an out-of-range entry, naming the argument', () => {
    expect(() => normalizeAxes([0, 3], 3, { op: 'sum', argument: 'dims' })).toThrow(
      'sum: dims must be a list of distinct integers in [-3, 2] for a 3-d tensor; received [0, 3]',
    );
  });

  it('property: any set of valid dims gives the sorted distinct wrapped axes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((ndim) =>
          fc.tuple(
            fc.constant(ndim),
            fc.uniqueArray(fc.integer({ min: 0, max: ndim - 1 }), { maxLength: ndim }),
            fc.array(fc.boolean(), { minLength: ndim, maxLength: ndim }),
          ),
        ),
        ([ndim, axes, negate]) => {
          // Write each axis either as itself or in its negative form.
          const dims = axes.map((a) => (negate[a] ? a - ndim : a));
          expect(normalizeAxes(dims, ndim, where)).toEqual([...axes].sort((a, b) => a - b));
        },
      ),
    );
  });
});
