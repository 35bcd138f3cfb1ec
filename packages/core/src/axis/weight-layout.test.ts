import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AxisError } from '../errors/axis-error.js';
import { ShapeError } from '../errors/shape-error.js';
import { applyLayoutSteps } from './apply-layout-steps.js';
import { channelsLastAxis, fromChannelsLastPlan, toChannelsLastPlan, type LayerKind } from './weight-layout.js';

// ---------- small f64 references, written independently of the code under test ----------

function stridesOf(shape: readonly number[]): number[] {
  const s = new Array<number>(shape.length);
  for (let i = shape.length - 1, acc = 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i];
  }
  return s;
}

function coordsOf(flat: number, shape: readonly number[]): number[] {
  const strides = stridesOf(shape);
  return shape.map((size, i) => Math.floor(flat / strides[i]) % size);
}

function flatOf(coords: readonly number[], shape: readonly number[]): number {
  const strides = stridesOf(shape);
  return coords.reduce((acc, c, i) => acc + c * strides[i], 0);
}

/** torch's norm_except_dim(v, 2, dim) flattened: one L2 norm per index of `axis`, or one in all. */
function keptNorms(data: Float32Array, shape: readonly number[], axis: number | null): number[] {
  const sums = new Array<number>(axis === null ? 1 : shape[axis]).fill(0);
  for (let k = 0; k < data.length; k++) {
    const slot = axis === null ? 0 : coordsOf(k, shape)[axis];
    sums[slot] += data[k] * data[k];
  }
  return sums.map(Math.sqrt);
}

/** Where torch coordinate `c` of a weight must land in channels-last, straight from the layout definitions. */
function channelsLastCoords(kind: LayerKind, c: readonly number[], ig: number, og: number): number[] {
  const [a, b, ...k] = c;
  if (kind === 'linear') return [...c];
  if (kind === 'conv') return [a, ...k, b]; // [out, in/g, *k] → [out, *k, in/g]
  // convTranspose [G*ig, og, *k]: a = g*ig + i, b = o → [g*og + o, *k, i]
  const g = Math.floor(a / ig);
  const i = a % ig;
  return [g * og + b, ...k, i];
}

// ---------- generators ----------

interface Case {
  kind: LayerKind;
  groups: number;
  torchShape: number[];
  inPerGroup: number;
  outPerGroup: number;
}

const caseArb: fc.Arbitrary<Case> = fc
  .record({
    kind: fc.constantFrom<LayerKind>('linear', 'conv', 'convTranspose'),
    groups: fc.integer({ min: 1, max: 3 }),
    inPerGroup: fc.integer({ min: 1, max: 3 }),
    outPerGroup: fc.integer({ min: 1, max: 3 }),
    kernel: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 3 }),
  })
  .map(({ kind, groups, inPerGroup, outPerGroup, kernel }) => {
    if (kind === 'linear') {
      return { kind, groups: 1, torchShape: [outPerGroup, inPerGroup], inPerGroup, outPerGroup };
    }
    const torchShape =
      kind === 'conv'
        ? [groups * outPerGroup, inPerGroup, ...kernel]
        : [groups * inPerGroup, outPerGroup, ...kernel];
    return { kind, groups, torchShape, inPerGroup, outPerGroup };
  });

const withAxisAndData = caseArb.chain((c) => {
  const size = c.torchShape.reduce((a, b) => a * b, 1);
  return fc.record({
    c: fc.constant(c),
    axis: fc.option(fc.integer({ min: 0, max: c.torchShape.length - 1 }), { nil: null }),
    // Small integers make every sum of squares exact in f64, so norms can be compared with
    // toEqual even though the two layouts add the squares in different orders.
    values: fc.array(fc.integer({ min: -8, max: 8 }), { minLength: size, maxLength: size }),
  });
});

const isSplitAxis = (c: Case, axis: number | null) =>
  c.kind === 'convTranspose' && c.groups > 1 && (axis === 0 || axis === 1);

// ---------- tests ----------

describe('toChannelsLastPlan', () => {
  it('is empty for linear', () => {
    expect(toChannelsLastPlan('linear', [5, 3])).toEqual({ shape: [5, 3], steps: [] });
  });

  it('is one permute for conv', () => {
    expect(toChannelsLastPlan('conv', [8, 4, 3, 5])).toEqual({
      shape: [8, 3, 5, 4],
      steps: [{ kind: 'permute', perm: [0, 2, 3, 1] }],
    });
    // groups do not change a conv plan: in/groups already sits on axis 1.
    expect(toChannelsLastPlan('conv', [8, 2, 3], 4)).toEqual({
      shape: [8, 3, 2],
      steps: [{ kind: 'permute', perm: [0, 2, 1] }],
    });
  });

  it('is one permute for an ungrouped convTranspose', () => {
    expect(toChannelsLastPlan('convTranspose', [4, 8, 3, 5])).toEqual({
      shape: [8, 3, 5, 4],
      steps: [{ kind: 'permute', perm: [1, 2, 3, 0] }],
    });
  });

  it('is reshape → permute → reshape for a grouped convTranspose', () => {
    // [G*ig, og, kh, kw] = [2*3, 5, 7, 11]
    expect(toChannelsLastPlan('convTranspose', [6, 5, 7, 11], 2)).toEqual({
      shape: [10, 7, 11, 3],
      steps: [
        { kind: 'reshape', shape: [2, 3, 5, 7, 11] },
        { kind: 'permute', perm: [0, 2, 3, 4, 1] },
        { kind: 'reshape', shape: [10, 7, 11, 3] },
      ],
    });
  });

  it('rejects ranks the kind cannot have', () => {
    expect(() => toChannelsLastPlan('linear', [3])).toThrow(ShapeError);
    expect(() => toChannelsLastPlan('linear', [3, 4, 5])).toThrow(ShapeError);
    expect(() => toChannelsLastPlan('conv', [3, 4])).toThrow(ShapeError);
    expect(() => toChannelsLastPlan('convTranspose', [3, 4])).toThrow(
      'toChannelsLastPlan: weight must be an [in, out/groups, *kernel] convTranspose weight with at least 3 dimensions; received [3, 4]',
    );
  });

  it('rejects bad sizes and groups, naming the argument', () => {
    expect(() => toChannelsLastPlan('conv', [3, -1, 2])).toThrow(ShapeError);
    expect(() => toChannelsLastPlan('conv', [4, 1, 2], 0)).toThrow(ShapeError);
    expect(() => toChannelsLastPlan('conv', [4, 1, 2], 1.5)).toThrow(ShapeError);
    expect(() => toChannelsLastPlan('linear', [4, 2], 2)).toThrow(ShapeError);
    expect(() => toChannelsLastPlan('convTranspose', [6, 1, 2], 4)).toThrow(
      "toChannelsLastPlan: groups must be a positive integer dividing the weight's first axis (6); received 4",
    );
    try {
      toChannelsLastPlan('conv', [5, 1, 2], 2);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ShapeError);
      expect((e as ShapeError).argument).toBe('groups');
    }
  });
});

describe('fromChannelsLastPlan', () => {
  it('inverts each kind of plan', () => {
    expect(fromChannelsLastPlan('conv', [8, 4, 3, 5])).toEqual({
      shape: [8, 4, 3, 5],
      steps: [{ kind: 'permute', perm: [0, 3, 1, 2] }],
    });
    expect(fromChannelsLastPlan('convTranspose', [4, 8, 3, 5])).toEqual({
      shape: [4, 8, 3, 5],
      steps: [{ kind: 'permute', perm: [3, 0, 1, 2] }],
    });
    expect(fromChannelsLastPlan('convTranspose', [6, 5, 7, 11], 2)).toEqual({
      shape: [6, 5, 7, 11],
      steps: [
        { kind: 'reshape', shape: [2, 5, 7, 11, 3] },
        { kind: 'permute', perm: [0, 4, 1, 2, 3] },
        { kind: 'reshape', shape: [6, 5, 7, 11] },
      ],
    });
    expect(fromChannelsLastPlan('linear', [5, 3])).toEqual({ shape: [5, 3], steps: [] });
  });

  it('validates like toChannelsLastPlan', () => {
    expect(() => fromChannelsLastPlan('convTranspose', [5, 1, 2], 2)).toThrow(/^fromChannelsLastPlan: groups/);
  });
});

describe('layout plans on data', () => {
  it('property: every element lands where the channels-last layout says', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const size = c.torchShape.reduce((a, b) => a * b, 1);
        const data = Float32Array.from({ length: size }, (_, i) => i);
        const plan = toChannelsLastPlan(c.kind, c.torchShape, c.groups);
        const out = applyLayoutSteps(data, c.torchShape, plan.steps);
        expect(out.shape).toEqual(plan.shape);
        for (let k = 0; k < size; k++) {
          const to = channelsLastCoords(c.kind, coordsOf(k, c.torchShape), c.inPerGroup, c.outPerGroup);
          expect(out.data[flatOf(to, plan.shape)]).toBe(k);
        }
      }),
    );
  });

  it('property: to-then-from round-trips data exactly', () => {
    fc.assert(
      fc.property(
        caseArb.chain((c) => {
          const size = c.torchShape.reduce((a, b) => a * b, 1);
          return fc.tuple(fc.constant(c), fc.float32Array({ minLength: size, maxLength: size }));
        }),
        ([c, data]) => {
          const to = toChannelsLastPlan(c.kind, c.torchShape, c.groups);
          const from = fromChannelsLastPlan(c.kind, c.torchShape, c.groups);
          const cl = applyLayoutSteps(data, c.torchShape, to.steps);
          const back = applyLayoutSteps(cl.data, cl.shape, from.steps);
          expect(back.shape).toEqual(c.torchShape);
          expect(from.shape).toEqual(c.torchShape);
          // Compare bits, so NaN payloads and -0 count too: a layout change must not touch values.
          expect(new Uint32Array(back.data.buffer)).toEqual(new Uint32Array(data.buffer));
        },
      ),
    );
  });

  it('property: kept-axis norms in torch layout equal those in channels-last along channelsLastAxis', () => {
    fc.assert(
      fc.property(withAxisAndData, ({ c, axis, values }) => {
        if (isSplitAxis(c, axis)) {
          expect(() => channelsLastAxis(c.kind, c.torchShape.length, axis, c.groups)).toThrow(AxisError);
          return;
        }
        const data = Float32Array.from(values);
        const plan = toChannelsLastPlan(c.kind, c.torchShape, c.groups);
        const cl = applyLayoutSteps(data, c.torchShape, plan.steps);
        const clAxis = channelsLastAxis(c.kind, c.torchShape.length, axis, c.groups);
        expect(keptNorms(cl.data, cl.shape, clAxis)).toEqual(keptNorms(data, c.torchShape, axis));
      }),
    );
  });

  it('property: the same holds with arbitrary floats, up to summation order', () => {
    fc.assert(
      fc.property(
        caseArb.chain((c) => {
          const size = c.torchShape.reduce((a, b) => a * b, 1);
          return fc.record({
            c: fc.constant(c),
            axis: fc.option(fc.integer({ min: 0, max: c.torchShape.length - 1 }), { nil: null }),
            data: fc.float32Array({
              minLength: size,
              maxLength: size,
              noNaN: true,
              noDefaultInfinity: true,
              min: -1e6,
              max: 1e6,
            }),
          });
        }),
        ({ c, axis, data }) => {
          fc.pre(!isSplitAxis(c, axis));
          const plan = toChannelsLastPlan(c.kind, c.torchShape, c.groups);
          const cl = applyLayoutSteps(data, c.torchShape, plan.steps);
          const clAxis = channelsLastAxis(c.kind, c.torchShape.length, axis, c.groups);
          const got = keptNorms(cl.data, cl.shape, clAxis);
          const want = keptNorms(data, c.torchShape, axis);
          expect(got.length).toBe(want.length);
          got.forEach((v, i) => expect(Math.abs(v - want[i])).toBeLessThanOrEqual(1e-12 * Math.max(1, want[i])));
        },
      ),
    );
  });
});

describe('channelsLastAxis', () => {
  it('is the identity for linear', () => {
    expect([0, 1, null].map((a) => channelsLastAxis('linear', 2, a))).toEqual([0, 1, null]);
  });

  it('moves conv axes: 0 → 0, 1 → last, kernel i → i-1', () => {
    expect([0, 1, 2, 3, null].map((a) => channelsLastAxis('conv', 4, a))).toEqual([0, 3, 1, 2, null]);
    expect([0, 1, 2].map((a) => channelsLastAxis('conv', 3, a, 2))).toEqual([0, 2, 1]);
  });

  it('moves ungrouped convTranspose axes: 0 (in) → last, 1 (out) → 0, kernel i → i-1', () => {
    expect([0, 1, 2, 3, 4, null].map((a) => channelsLastAxis('convTranspose', 5, a))).toEqual([4, 0, 1, 2, 3, null]);
  });

  it('keeps kernel axes and null for grouped convTranspose but rejects axes 0 and 1', () => {
    expect([2, 3, null].map((a) => channelsLastAxis('convTranspose', 4, a, 2))).toEqual([1, 2, null]);
    for (const axis of [0, 1]) {
      expect(() => channelsLastAxis('convTranspose', 4, axis, 2)).toThrow(AxisError);
      expect(() => channelsLastAxis('convTranspose', 4, axis, 2)).toThrow(
        `channelsLastAxis: dim must be null (whole-tensor norm) or a kernel axis in [2, 3] for a grouped convTranspose weight (groups=2 splits axes 0 and 1 across the channels-last layout); received ${axis}`,
      );
    }
    expect(() => channelsLastAxis('convTranspose', 3, 0, 3, 'weightNorm')).toThrow(/^weightNorm: dim must/);
  });

  it('rejects unresolved or out-of-range axes and bad ranks or groups', () => {
    expect(() => channelsLastAxis('conv', 3, -1)).toThrow(AxisError);
    expect(() => channelsLastAxis('conv', 3, 3)).toThrow(AxisError);
    expect(() => channelsLastAxis('conv', 2, 0)).toThrow(ShapeError);
    expect(() => channelsLastAxis('linear', 3, 0)).toThrow(ShapeError);
    expect(() => channelsLastAxis('convTranspose', 3, 2, 0)).toThrow(ShapeError);
  });
});
