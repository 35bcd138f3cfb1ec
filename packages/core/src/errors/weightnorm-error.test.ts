import { describe, expect, it } from 'vitest';
import { formatReceived, WeightnormError } from './weightnorm-error.js';

describe('formatReceived', () => {
  it('formats scalars, strings, arrays and plain objects', () => {
    expect(formatReceived(3)).toBe('3');
    expect(formatReceived('x')).toBe('"x"');
    expect(formatReceived([1, [2, 3]])).toBe('[1, [2, 3]]');
    expect(formatReceived({ a: 1, b: 'c' })).toBe('{"a": 1, "b": "c"}');
    expect(formatReceived(new Float32Array(2))).toBe('a Float32Array');
  });

  it('summarises long arrays and objects', () => {
    expect(formatReceived(Array.from({ length: 20 }, (_, i) => i))).toBe('[0, 1, 2, 3, 4, 5, 6, 7, … (20 items)]');
    const wide = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`k${i}`, i]));
    expect(formatReceived(wide)).toMatch(/… \(10 keys\)\}$/);
  });

  it('cuts off deep nesting instead of overflowing the stack', () => {
    let deep: unknown = 0;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(formatReceived(deep)).toBe('[[[[[…]]]]]');
    const error = new WeightnormError({ op: 'load', argument: 'header', allowed: 'a flat object', received: deep });
    expect(error.message.length).toBeLessThan(200);
  });
});
