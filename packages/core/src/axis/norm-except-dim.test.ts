import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AxisError } from '../errors/axis-error.js';
import { ShapeError } from '../errors/shape-error.js';
import { normExceptDimShape, reducedAxes, weightNormAxis } from './norm-except-dim.js';

const ndimArb = fc.integer({ min: 1, max: 6 });

describe('weightNormAxis', () => {
  it('maps dim=null and dim=-1 to the whole tensor for every rank', () => {
    fc.assert(
      fc.property(ndimArb, (ndim) => {
        expect(weightNormAxis(null, ndim)).toBeNull();
        expect(weightNormAxis(-1, ndim)).toBeNull();
      }),
    );
  });

  it('keeps non-negative dims as they are', () => {
    fc.assert(
      fc.property(
        ndimArb.chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: 0, max: n - 1 }))),
        ([ndim, dim]) => {
          expect(weightNormAxis(dim, ndim)).toBe(dim);
        },
      ),
    );
  });

  it('wraps negative dims other than -1', () => {
    expect(weightNormAxis(-2, 3)).toBe(1);
    expect(weightNormAxis(-3, 3)).toBe(0);
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }).chain((n) => fc.tuple(fc.constant(n), fc.integer({ min: -n, max: -2 }))),
        ([ndim, dim]) => {
          expect(weightNormAxis(dim, ndim)).toBe(dim + ndim);
        },
      ),
    );
  });

  it('uses 0, not null, for dim=0 of a 1-d weight (torch keeps one norm per element)', () => {
    expect(weightNormAxis(0, 1)).toBe(0);
    expect(weightNormAxis(-1, 1)).toBeNull();
  });

  it('reports an out-of-range dim with the exact torch-style message', () => {
    expect(() => weightNormAxis(3, 3)).toThrow(AxisError);
    expect(() => weightNormAxis(3, 3)).toThrow('weightNorm: dim must be an integer in [-3, 2] for a 3-d weight; received 3');
    expect(() => weightNormAxis(-4, 3)).toThrow('weightNorm: dim must be an integer in [-3, 2] for a 3-d weight; received -4');
    try {
      weightNormAxis(3, 3);
    } catch (e) {
      expect((e as AxisError).message).toBe('weightNorm: dim must be an integer in [-3, 2] for a 3-d weight; received 3');
      expect((e as AxisError).argument).toBe('dim');
    }
  });

  it('rejects every out-of-range dim', () => {
    fc.assert(
      fc.property(
        ndimArb.chain((n) =>
          fc.tuple(
            fc.constant(n),
            fc.oneof(fc.integer({ min: n, max: 100 }), fc.integer({ min: -100, max: -n - 1 })),
          ),
        ),
        ([ndim, dim]) => {
          expect(() => weightNormAxis(dim, ndim)).toThrow(`in [${-ndim}, ${ndim - 1}] for a ${ndim}-d weight; received ${dim}`);
        },
      ),
    );
  });

  it('rejects non-integer dims the same way', () => {
    expect(() => weightNormAxis(0.5, 3)).toThrow('weightNorm: dim must be an integer in [-3, 2] for a 3-d weight; received 0.5');
    expect(() => weightNormAxis(Number.NaN, 3)).toThrow(AxisError);
  });

  it('names the op it is given', () => {
    expect(() => weightNormAxis(2, 2, 'Conv1d.weightNorm')).toThrow(/^Conv1d\.weightNorm: dim must/);
  });

  it('rejects a 0-d weight with a ShapeError, whatever the dim', () => {
    for (const dim of [null, -1, 0]) {
      expect(() => weightNormAxis(dim, 0)).toThrow(ShapeError);
      expect(() => weightNormAxis(dim, 0)).toThrow('weightNorm: weight must be a tensor with at least 1 dimension; received []');
    }
  });
});

const shapeArb = fc.array(fc.integer({ min: 0, max: 6 }), { minLength: 1, maxLength: 5 });
const shapeAndAxis = shapeArb.chain((shape) =>
  fc.tuple(fc.constant(shape), fc.option(fc.integer({ min: 0, max: shape.length - 1 }), { nil: null })),
);

describe('normExceptDimShape', () => {
  it('matches torch on the documented examples', () => {
    expect(normExceptDimShape([4, 3, 5], 0)).toEqual([4, 1, 1]);
    expect(normExceptDimShape([4, 3, 5], 1)).toEqual([1, 3, 1]);
    expect(normExceptDimShape([4, 3, 5], 2)).toEqual([1, 1, 5]);
    expect(normExceptDimShape([4, 3, 5], null)).toEqual([]);
  });

  it('property: keeps the rank (or is 0-d) and its size is the kept size', () => {
    fc.assert(
      fc.property(shapeAndAxis, ([shape, axis]) => {
        const g = normExceptDimShape(shape, axis);
        const size = g.reduce((a, b) => a * b, 1);
        if (axis === null) {
          expect(g).toEqual([]);
          expect(size).toBe(1);
        } else {
          expect(g.length).toBe(shape.length);
          expect(size).toBe(shape[axis]);
          expect(g[axis]).toBe(shape[axis]);
        }
      }),
    );
  });

  it('composes with weightNormAxis', () => {
    expect(normExceptDimShape([8, 4, 3], weightNormAxis(-2, 3))).toEqual([1, 4, 1]);
    expect(normExceptDimShape([8, 4, 3], weightNormAxis(null, 3))).toEqual([]);
  });

  it('rejects an unresolved axis', () => {
    expect(() => normExceptDimShape([2, 3], -1)).toThrow(AxisError);
    expect(() => normExceptDimShape([2, 3], 2)).toThrow(AxisError);
  });
});

describe('reducedAxes', () => {
  it('sums over everything but the kept axis', () => {
    expect(reducedAxes(4, 2)).toEqual([0, 1, 3]);
    expect(reducedAxes(3, null)).toEqual([0, 1, 2]);
    expect(reducedAxes(1, 0)).toEqual([]);
  });

  it('property: reduced axes and the kept axis partition the axes', () => {
    fc.assert(
      fc.property(shapeAndAxis, ([shape, axis]) => {
        const reduced = reducedAxes(shape.length, axis);
        const all = axis === null ? reduced : [...reduced, axis].sort((a, b) => a - b);
        expect(all).toEqual(shape.map((_, i) => i));
        // The g shape is 1 exactly on the reduced axes.
        const g = normExceptDimShape(shape, axis);
        if (axis !== null) for (const r of reduced) expect(g[r]).toBe(1);
      }),
    );
  });

  it('rejects a bad axis or rank', () => {
    expect(() => reducedAxes(3, 3)).toThrow(AxisError);
    expect(() => reducedAxes(-1, null)).toThrow(ShapeError);
  });
});
