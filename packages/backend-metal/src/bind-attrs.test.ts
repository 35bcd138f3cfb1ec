import { describe, expect, it } from 'vitest';
import { bindAttrs } from './bind-attrs.js';

describe('bindAttrs', () => {
  it('flattens pairs, wraps numbers, empties null and keeps strings', () => {
    expect(
      bindAttrs('Conv', { stride: [1, 2], padding: [[1, 2], [0, 3]], groups: 2 }),
    ).toEqual({ stride: [1, 2], padding: [1, 2, 0, 3], groups: [2] });
    expect(bindAttrs('WeightNorm', { axis: null, eps: 0 })).toEqual({ axis: [], eps: [0] });
    expect(bindAttrs('Pad', { pads: [[0, 0], [2, 1]], mode: 'reflect', value: 0 })).toEqual({
      pads: [0, 0, 2, 1],
      mode: 'reflect',
      value: [0],
    });
  });

  it('rejects attributes the addon cannot read, naming op and attribute', () => {
    expect(() => bindAttrs('Slice', { starts: ['1'] })).toThrow('Slice: attribute starts must hold numbers; received string');
    expect(() => bindAttrs('Slice', { starts: { a: 1 } })).toThrow('Slice: attribute starts must be a number, string, null or array; received object');
  });
});
