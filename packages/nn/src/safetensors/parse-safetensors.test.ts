import { CheckpointError } from '@weightnorm/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSafetensors } from './parse-safetensors.js';
import { serializeSafetensors } from './serialize-safetensors.js';
import { catchCheckpointError } from '../../test/catch-checkpoint-error.js';

/** Assembles a file by hand, so tests can write headers the serializer would never produce. */
function build(header: string | object, data: ArrayLike<number> = []): Uint8Array {
  const json = new TextEncoder().encode(typeof header === 'string' ? header : JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

/** Little-endian bytes of a typed array (the tests run on little-endian hosts). */
function bytesOf(a: ArrayBufferView): number[] {
  return Array.from(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
}

/** Parses `bytes` expecting a loadSafetensors CheckpointError on `argument` whose message contains `text`. */
function expectRejected(bytes: Uint8Array, argument: string, text: string): void {
  const err = catchCheckpointError(() => parseSafetensors(bytes));
  expect(err.op).toBe('loadSafetensors');
  expect(err.argument).toBe(argument);
  expect(err.message).toContain(text);
}

const entry = (dtype: string, shape: unknown, data_offsets: unknown) => ({ dtype, shape, data_offsets });

describe('parseSafetensors round trips', () => {
  it.each([
    ['F32', 'float32', new Float32Array([1.5, -0, Infinity, 3.4e38, 1e-45, 0.1])],
    ['F16', 'float16', new Uint16Array([0x3c00, 0x8000, 0x7c00, 0x7e01, 0x0001, 0xfbff])],
    ['I32', 'int32', new Int32Array([0, -1, 2147483647, -2147483648, 42, 7])],
  ] as const)('%s keeps its values bit for bit, for 0-d, empty and 2-d shapes', (sourceDType, dtype, values) => {
    const shapes: [number[], number][] = [[[], 1], [[0], 0], [[2, 0, 3], 0], [[2, 3], 6]];
    const tensors = shapes.map(
      ([shape, n], i) => [`t${i}`, { dtype: sourceDType, shape, data: values.slice(0, n) }] as const,
    );
    const { tensors: parsed, metadata } = parseSafetensors(serializeSafetensors(tensors));
    expect(metadata).toEqual({});
    expect([...parsed.keys()]).toEqual(['t0', 't1', 't2', 't3']);
    for (const [name, written] of tensors) {
      const got = parsed.get(name)!;
      expect(got.dtype).toBe(dtype);
      expect(got.sourceDType).toBe(sourceDType);
      expect(got.shape).toEqual(written.shape);
      expect(got.data.constructor).toBe(values.constructor);
      expect(bytesOf(got.data)).toEqual(bytesOf(written.data));
    }
  });

  it('BF16 widens exactly to float32', () => {
    const bits = new Uint16Array([0x3f80, 0xc000, 0x7f80, 0x8000, 0x0001, 0x3dcd]);
    const { tensors } = parseSafetensors(serializeSafetensors([['w', { dtype: 'BF16', shape: [3, 2], data: bits }]]));
    const got = tensors.get('w')!;
    expect(got).toMatchObject({ dtype: 'float32', sourceDType: 'BF16', shape: [3, 2] });
    expect(Array.from(new Uint32Array(got.data.buffer))).toEqual(Array.from(bits, (b) => (b << 16) >>> 0));
    const none = new Uint16Array(0);
    const empty = parseSafetensors(serializeSafetensors([['e', { dtype: 'BF16', shape: [0], data: none }]]));
    expect(empty.tensors.get('e')!.data).toEqual(new Float32Array(0));
  });

  it('F64 rounds each value to float32', () => {
    const values = new Float64Array([0.1, -2, 1e300, -0, 2 ** -150]);
    const header = { x: entry('F64', [5], [0, 40]), s: entry('F64', [], [40, 48]), z: entry('F64', [0, 4], [48, 48]) };
    const file = build(header, [
      ...bytesOf(values),
      ...bytesOf(new Float64Array([3.25])),
    ]);
    const { tensors } = parseSafetensors(file);
    expect(tensors.get('x')).toEqual({
      dtype: 'float32',
      shape: [5],
      data: new Float32Array([Math.fround(0.1), -2, Infinity, -0, 0]),
      sourceDType: 'F64',
    });
    expect(Object.is(tensors.get('x')!.data[3], -0)).toBe(true);
    expect(tensors.get('s')!.data).toEqual(new Float32Array([3.25]));
    expect(tensors.get('z')).toMatchObject({ shape: [0, 4], data: new Float32Array(0) });
  });

  it('I64 narrows to int32 when every value fits', () => {
    const values = new BigInt64Array([0n, -1n, 2147483647n, -2147483648n]);
    const header = { x: entry('I64', [2, 2], [0, 32]), s: entry('I64', [], [32, 40]), z: entry('I64', [0], [40, 40]) };
    const file = build(header, [
      ...bytesOf(values),
      ...bytesOf(new BigInt64Array([-5n])),
    ]);
    const { tensors } = parseSafetensors(file);
    expect(tensors.get('x')).toEqual({
      dtype: 'int32',
      shape: [2, 2],
      data: new Int32Array([0, -1, 2147483647, -2147483648]),
      sourceDType: 'I64',
    });
    expect(tensors.get('s')!.data).toEqual(new Int32Array([-5]));
    expect(tensors.get('z')!.data).toEqual(new Int32Array(0));
  });

  it.each([2147483648n, -2147483649n, 4294967295n, -(2n ** 63n)])('I64 value %s outside int32 is named', (big) => {
    const file = build({ 'emb.ids': entry('I64', [2], [0, 16]) }, bytesOf(new BigInt64Array([1n, big])));
    expectRejected(file, 'tensor "emb.ids" data[1]', `int32 range [-2147483648, 2147483647]; received ${big}`);
  });

  it('returns metadata and treats a null __metadata__ as none', () => {
    const file = serializeSafetensors([], { format: 'pt', ['__proto__']: 'x' });
    const { metadata } = parseSafetensors(file);
    expect(Object.entries(metadata)).toEqual([['format', 'pt'], ['__proto__', 'x']]);
    expect(Object.getPrototypeOf(metadata)).toBe(Object.prototype);
    expect(parseSafetensors(build({ __metadata__: null })).metadata).toEqual({});
  });

  it('reads a file at an unaligned offset into fresh arrays', () => {
    const file = serializeSafetensors([
      ['h', { dtype: 'F16', shape: [1], data: new Uint16Array([0x3c00]) }],
      ['f', { dtype: 'F32', shape: [2], data: new Float32Array([1, 2]) }],
    ]);
    const backing = new Uint8Array(file.length + 1);
    backing.set(file, 1);
    const unaligned = backing.subarray(1);
    const { tensors } = parseSafetensors(unaligned);
    const f = tensors.get('f')!.data;
    expect(Array.from(f)).toEqual([1, 2]);
    expect(f.buffer).not.toBe(backing.buffer);
    backing.fill(0);
    expect(Array.from(f)).toEqual([1, 2]);
  });

  it('keeps the header order, integer-like names included', () => {
    // Written by hand: a JS object would put "2" first before the parser ever saw it.
    const header =
      '{"b":{"dtype":"I32","shape":[],"data_offsets":[0,4]},"2":{"dtype":"I32","shape":[],"data_offsets":[4,8]},' +
      '"a":{"dtype":"I32","shape":[],"data_offsets":[8,12]}}';
    const file = build(header, new Uint8Array(12));
    expect([...parseSafetensors(file).tensors.keys()]).toEqual(['b', '2', 'a']);
  });

  it('allows gaps and padding whitespace, and empty tensors anywhere', () => {
    const header =
      '{"a":{"dtype":"I32","shape":[1],"data_offsets":[4,8]},"e":{"dtype":"F32","shape":[0],"data_offsets":[6,6]}}   ';
    const { tensors } = parseSafetensors(build(header, [9, 9, 9, 9, 7, 0, 0, 0, 9, 9]));
    expect(tensors.get('a')!.data).toEqual(new Int32Array([7]));
    expect(tensors.get('e')!.data).toEqual(new Float32Array(0));
  });
});

describe('parseSafetensors rejects malformed files', () => {
  it('shorter than the 8-byte length', () => {
    expectRejected(new Uint8Array(7), 'file', 'at least 8 bytes');
  });

  it('a header length beyond the file', () => {
    const file = build('{}');
    new DataView(file.buffer).setUint32(0, 3, true);
    expectRejected(file, 'header length', 'at most 2 bytes');
    new DataView(file.buffer).setBigUint64(0, 2n ** 64n - 1n, true);
    expectRejected(file, 'header length', `received ${2n ** 64n - 1n}`);
  });

  it('a header length over the 100 MB cap, before reading it', () => {
    const file = new Uint8Array(100_000_016);
    new DataView(file.buffer).setBigUint64(0, 100_000_001n, true);
    expectRejected(file, 'header length', 'at most 100000000 bytes (the header size cap)');
  });

  it('a header that is not UTF-8', () => {
    const file = build('{"a"}');
    file[9] = 0xff; // never valid in UTF-8
    expectRejected(file, 'header', 'valid UTF-8');
    file[9] = 0x22;
    file[10] = 0xc3; // a lead byte followed by an ASCII byte
    expectRejected(file, 'header', 'valid UTF-8');
  });

  it('a header that is not JSON', () => {
    expectRejected(build('{"a": '), 'header', 'must be JSON text; received "{\\"a\\":"');
    expectRejected(build(''), 'header', 'JSON text');
  });

  it.each(['[]', '"x"', 'null', '1', '[{"dtype":"F32"}]'])('a header that is %s, not an object', (header) => {
    expectRejected(build(header), 'header', 'must be a JSON object');
  });

  it('duplicate keys, which JSON.parse would silently merge', () => {
    const t = '{"dtype":"F32","shape":[],"data_offsets":[0,4]}';
    expectRejected(build(`{"w":${t},"w":${t}}`, new Uint8Array(4)), 'header key "w"', 'unique within its JSON object');
    expectRejected(build(`{"a":${t},"\\u0061":${t}}`, new Uint8Array(4)), 'header key "a"', 'unique');
    expectRejected(
      build('{"w":{"dtype":"F32","dtype":"I32","shape":[],"data_offsets":[0,4]}}', new Uint8Array(4)),
      'header key "w"."dtype"',
      'unique',
    );
    expectRejected(build('{"__metadata__":{"k":"1","k":"2"}}'), 'header key "__metadata__"."k"', 'unique');
    // Keys that only look alike, and equal strings used as values, are fine.
    const ok = parseSafetensors(build('{"__metadata__":{"k":"k","K":"k","x":"{\\"k\\":1,\\"k\\":2}"}}'));
    expect(ok.metadata).toEqual({ k: 'k', K: 'k', x: '{"k":1,"k":2}' });
  });

  it('an entry that is not an object', () => {
    expectRejected(build({ w: [1, 2] }), 'tensor "w"', 'an object with dtype, shape and data_offsets');
    expectRejected(build({ w: null }), 'tensor "w"', 'received null');
  });

  it.each([['F8_E4M3'], ['f32'], ['__proto__'], ['toString'], [5], [undefined]])('an unknown dtype %o', (dtype) => {
    const file = build({ 'conv.weight': { dtype, shape: [], data_offsets: [0, 4] } }, new Uint8Array(4));
    expectRejected(file, 'tensor "conv.weight" dtype', 'one of F32, F16, BF16, F64, I32, I64');
  });

  const badShapes: [unknown][] = [
    [undefined], ['[1]'], [{ 0: 1 }], [[-1]], [[1.5]], [['1']], [[null]], [[2 ** 53]], [[1e400]],
  ];
  it.each(badShapes)('a shape %o', (shape) => {
    const file = build({ w: entry('F32', shape, [0, 4]) }, new Uint8Array(4));
    expectRejected(file, 'tensor "w" shape', 'an array of non-negative safe integers');
  });

  it('a shape whose product overflows', () => {
    const file = build({ w: entry('F32', [2 ** 30, 2 ** 30, 2 ** 30], [0, 4]) }, new Uint8Array(4));
    expectRejected(file, 'tensor "w" shape', `product is at most ${Number.MAX_SAFE_INTEGER}`);
  });

  const badOffsets: [unknown][] = [
    [undefined], [[0]], [[0, 4, 8]], [[-4, 0]], [[0, 4.5]], [[8, 4]], [['0', '4']], [[0, 2 ** 53]],
  ];
  it.each(badOffsets)('data_offsets %o', (offsets) => {
    const file = build({ w: entry('F32', [1], offsets) }, new Uint8Array(8));
    expectRejected(file, 'tensor "w" data_offsets', 'two non-negative safe integers [begin, end] with begin ≤ end');
  });

  it('a byte count that does not match the shape', () => {
    const file = build({ w: entry('F16', [2, 3], [0, 24]) }, new Uint8Array(24));
    expectRejected(file, 'tensor "w" data_offsets', 'a range of 12 bytes (6 elements of F16, shape [2,3])');
    const scalar = build({ w: entry('I64', [], [0, 4]) }, new Uint8Array(8));
    expectRejected(scalar, 'tensor "w" data_offsets', 'a range of 8 bytes');
  });

  it('a range past the end of the data section', () => {
    const file = build({ w: entry('F32', [2], [4, 12]) }, new Uint8Array(11));
    expectRejected(file, 'tensor "w" data_offsets', 'within the 11-byte data section; received [4, 12]');
  });

  it('overlapping tensors, whatever their order in the header', () => {
    const file = build({ b: entry('F32', [2], [4, 12]), a: entry('F32', [2], [0, 8]) }, new Uint8Array(12));
    expectRejected(file, 'tensor "b" data_offsets', 'does not overlap tensor "a" at [0, 8]; received [4, 12]');
    const same = build({ a: entry('I32', [1], [0, 4]), b: entry('F32', [1], [0, 4]) }, new Uint8Array(4));
    expect(catchCheckpointError(() => parseSafetensors(same)).argument).toMatch(/^tensor "[ab]" data_offsets$/);
  });

  it('metadata that is not an object of strings', () => {
    expectRejected(build({ __metadata__: ['x'] }), '__metadata__', 'an object of string values');
    expectRejected(build({ __metadata__: 'x' }), '__metadata__', 'an object of string values');
    expectRejected(build({ __metadata__: { epoch: 3 } }), '__metadata__ "epoch"', 'must be a string; received 3');
  });

  it('a non-Uint8Array argument', () => {
    const err = catchCheckpointError(() => parseSafetensors([1, 2, 3] as unknown as Uint8Array));
    expect(err.argument).toBe('bytes');
  });
});

describe('parseSafetensors on corrupted input', () => {
  const valid = (() => {
    const typed = serializeSafetensors(
      [
        ['f32', { dtype: 'F32', shape: [2, 2], data: new Float32Array([1, 2, 3, 4]) }],
        ['f16', { dtype: 'F16', shape: [3], data: new Uint16Array([1, 2, 3]) }],
        ['bf16', { dtype: 'BF16', shape: [], data: new Uint16Array([0x3f80]) }],
        ['i32', { dtype: 'I32', shape: [1, 0], data: new Int32Array(0) }],
      ],
      { format: 'pt' },
    );
    // Append F64 and I64 tensors by hand, since the serializer does not write them.
    const dataStart = 8 + Number(new DataView(typed.buffer).getBigUint64(0, true));
    const header = JSON.parse(new TextDecoder().decode(typed.subarray(8, dataStart)));
    const data = typed.subarray(dataStart); // 24 bytes
    header.f64 = entry('F64', [1], [24, 32]);
    header.i64 = entry('I64', [2], [32, 48]);
    return build(header, [...data, ...bytesOf(new Float64Array([0.5])), ...bytesOf(new BigInt64Array([3n, -3n]))]);
  })();

  /** Parses, and fails the property only on an error that is not a CheckpointError. */
  const parsesOrRejects = (bytes: Uint8Array): boolean => {
    try {
      parseSafetensors(bytes);
    } catch (e) {
      if (!(e instanceof CheckpointError)) throw e;
    }
    return true;
  };

  it('the fixture itself parses', () => {
    expect([...parseSafetensors(valid).tensors.keys()]).toEqual(['f32', 'f16', 'bf16', 'i32', 'f64', 'i64']);
  });

  it('byte mutations and truncations parse or throw CheckpointError, never anything else', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }),
        fc.option(fc.nat(valid.length), { nil: undefined }),
        (edits, cut) => {
          const bytes = valid.slice(0, cut);
          for (const [i, b] of edits) if (i < bytes.length) bytes[i] = b;
          return parsesOrRejects(bytes);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('printable edits inside the header parse or throw CheckpointError', () => {
    // Random bytes almost always break the JSON at once; printable characters get further in.
    const headerEnd = 8 + Number(new DataView(valid.buffer).getBigUint64(0, true));
    const chars = fc.constantFrom(...'{}[],:"0123456789-.eE \\FIB'.split('').map((c) => c.charCodeAt(0)));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 8, max: headerEnd - 1 }), chars), { minLength: 1, maxLength: 3 }),
        (edits) => {
          const bytes = valid.slice();
          for (const [i, b] of edits) bytes[i] = b;
          return parsesOrRejects(bytes);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('arbitrary well-formed JSON headers parse or throw CheckpointError', () => {
    // Mostly plausible entries (right-sized ranges at random places), with some junk mixed in,
    // so the checks past the first ones are reached too.
    const junk = fc.oneof(
      fc.constantFrom('F32', 'U8', 0.5, 2 ** 53, -0, -1, 1e300, null, true, {}),
      fc.array(fc.integer({ min: -1, max: 12 }), { maxLength: 3 }),
    );
    const itemSize: Record<string, number> = { F32: 4, F16: 2, BF16: 2, F64: 8, I32: 4, I64: 8 };
    const tensor = fc
      .record({
        dtype: fc.constantFrom('F32', 'F16', 'BF16', 'F64', 'I32', 'I64'),
        shape: fc.array(fc.nat(3), { maxLength: 2 }),
        begin: fc.nat(32),
        slack: fc.oneof(
          { weight: 4, arbitrary: fc.constant(0) },
          { weight: 1, arbitrary: fc.integer({ min: -4, max: 4 }) },
        ),
        junkField: fc.oneof(
          { weight: 4, arbitrary: fc.constant(null) },
          { weight: 1, arbitrary: fc.tuple(fc.constantFrom('dtype', 'shape', 'data_offsets'), junk) },
        ),
      })
      .map(({ dtype, shape, begin, slack, junkField }) => {
        const bytes = shape.reduce((a, d) => a * d, 1) * itemSize[dtype];
        const info: Record<string, unknown> = { dtype, shape, data_offsets: [begin, begin + bytes + slack] };
        if (junkField) info[junkField[0]] = junkField[1];
        return info;
      });
    const metadataValue = fc.oneof(
      { weight: 9, arbitrary: fc.string({ maxLength: 3 }) },
      { weight: 1, arbitrary: junk },
    );
    const metadata = fc.dictionary(fc.string({ maxLength: 3 }), metadataValue);
    const names = fc.constantFrom('a', 'b', 'c', '0', '__proto__');
    const header = fc
      .tuple(fc.dictionary(names, tensor, { maxKeys: 4 }), fc.option(metadata, { freq: 3 }))
      .map(([tensors, meta]) => (meta === null ? tensors : { ...tensors, __metadata__: meta }));
    fc.assert(
      fc.property(header, fc.nat(128), (h, dataLength) => parsesOrRejects(build(h, new Uint8Array(dataLength)))),
      { numRuns: 3000 },
    );
  });
});
