import { CheckpointError } from '@weightnorm/core';
import { describe, expect, it } from 'vitest';
import { parseSafetensors } from './parse-safetensors.js';
import { serializeSafetensors } from './serialize-safetensors.js';
import { catchCheckpointError } from '../../test/catch-checkpoint-error.js';

/** Splits a file into its header length, header text and data section. */
function split(bytes: Uint8Array): { headerLength: number; header: string; data: Uint8Array } {
  const headerLength = Number(new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0, true));
  const header = new TextDecoder().decode(bytes.subarray(8, 8 + headerLength));
  return { headerLength, header, data: bytes.subarray(8 + headerLength) };
}

describe('serializeSafetensors', () => {
  it('writes the header length, a space-padded header and contiguous little-endian data in order', () => {
    const bytes = serializeSafetensors([
      ['b', { dtype: 'F32', shape: [2], data: new Float32Array([1, -2]) }],
      ['a', { dtype: 'F16', shape: [], data: new Uint16Array([0x3c00]) }],
    ]);
    const { headerLength, header, data } = split(bytes);
    expect(headerLength % 8).toBe(0);
    expect(header).toMatch(/^\{.*\} *$/);
    const parsed = JSON.parse(header);
    expect(Object.keys(parsed)).toEqual(['b', 'a']);
    expect(parsed.b).toEqual({ dtype: 'F32', shape: [2], data_offsets: [0, 8] });
    expect(parsed.a).toEqual({ dtype: 'F16', shape: [], data_offsets: [8, 10] });
    expect(Array.from(data)).toEqual([0, 0, 0x80, 0x3f, 0, 0, 0, 0xc0, 0x00, 0x3c]);
  });

  it('keeps the given order for integer-like names and writes "__proto__" as a plain name', () => {
    const one = new Int32Array([7]);
    const bytes = serializeSafetensors([
      ['b', { dtype: 'I32', shape: [1], data: one }],
      ['1', { dtype: 'I32', shape: [1], data: one }],
      ['__proto__', { dtype: 'I32', shape: [1], data: one }],
    ]);
    expect(split(bytes).header).toMatch(/^\{"b":.*"1":.*"__proto__":/);
    expect([...parseSafetensors(bytes).tensors.keys()]).toEqual(['b', '1', '__proto__']);
  });

  it('writes metadata only when it has entries', () => {
    expect(split(serializeSafetensors([], {})).header.trim()).toBe('{}');
    const { header } = split(serializeSafetensors([], { format: 'pt' }));
    expect(JSON.parse(header)).toEqual({ __metadata__: { format: 'pt' } });
  });

  it('writes the bytes of a typed-array view, not of its whole buffer', () => {
    const base = new Float32Array([9, 1, 2, 9]);
    const bytes = serializeSafetensors([['x', { dtype: 'F32', shape: [2], data: base.subarray(1, 3) }]]);
    expect(Array.from(parseSafetensors(bytes).tensors.get('x')!.data)).toEqual([1, 2]);
  });

  it.each([
    ['F64', new Float32Array(1), 'tensor "x" dtype', 'F64 and I64 are read-only'],
    ['I64', new Int32Array(1), 'tensor "x" dtype', 'F64 and I64 are read-only'],
    ['F8_E4M3', new Uint16Array(1), 'tensor "x" dtype', 'one of F32, F16, BF16, I32'],
    ['F32', new Uint16Array(1), 'tensor "x" data', 'a Float32Array for dtype F32'],
    ['F16', new Float32Array(1), 'tensor "x" data', 'a Uint16Array for dtype F16'],
    ['BF16', new Int32Array(1), 'tensor "x" data', 'a Uint16Array for dtype BF16'],
    ['I32', new Float32Array(1), 'tensor "x" data', 'an Int32Array for dtype I32'],
  ])('rejects dtype %s with %o', (dtype, data, argument, text) => {
    const err = catchCheckpointError(() =>
      serializeSafetensors([['x', { dtype: dtype as 'F32', shape: [1], data }]]),
    );
    expect(err.op).toBe('saveSafetensors');
    expect(err.argument).toBe(argument);
    expect(err.message).toContain(text);
  });

  it('rejects a shape that does not match the data length', () => {
    const err = catchCheckpointError(() =>
      serializeSafetensors([['x', { dtype: 'F32', shape: [2, 2], data: new Float32Array(3) }]]),
    );
    expect(err.argument).toBe('tensor "x" shape');
    expect(err.message).toContain('product is the data length 3');
    expect(err.message).toContain('received [2, 2]');
  });

  it.each([[[-1]], [[1.5]], [[NaN]], ['3']])('rejects the malformed shape %o', (shape) => {
    const err = catchCheckpointError(() =>
      serializeSafetensors([['x', { dtype: 'F32', shape: shape as number[], data: new Float32Array(1) }]]),
    );
    expect(err.argument).toBe('tensor "x" shape');
    expect(err.message).toContain('non-negative safe integers');
  });

  it('rejects duplicate and reserved names', () => {
    const t = { dtype: 'F32' as const, shape: [], data: new Float32Array(1) };
    const dup = catchCheckpointError(() => serializeSafetensors([['x', t], ['x', t]]));
    expect(dup.argument).toBe('tensor name');
    expect(dup.message).toContain('not used by an earlier tensor');
    const reserved = catchCheckpointError(() => serializeSafetensors([['__metadata__', t]]));
    expect(reserved.argument).toBe('tensor name');
    expect(reserved.message).toContain('reserved');
  });

  it('rejects metadata that is not all strings', () => {
    const err = catchCheckpointError(() => serializeSafetensors([], { a: 1 as unknown as string }));
    expect(err.argument).toBe('metadata "a"');
    expect(err.message).toContain('must be a string; received 1');
  });
});
