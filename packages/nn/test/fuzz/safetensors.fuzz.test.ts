import { tensor } from '@weightnorm/core';
import fc from 'fast-check';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { Conv1d, loadSafetensors, weightNorm } from '../../src/index.js';
import { parseSafetensors } from '../../src/safetensors/parse-safetensors.js';
import { serializeSafetensors } from '../../src/safetensors/serialize-safetensors.js';
import { counter, expectRejected, fuzzCase } from './fuzz-case.js';

// Each case is bounded by fuzzCase (2 s); a property run is thousands of cases, which on a busy
// 2-core CI machine can exceed vitest's 5 s default for the whole test without any case hanging.
vi.setConfig({ testTimeout: 60_000 });

const parse = parseSafetensors;

/** A file from a header given as text or object, followed by `data`. */
function build(header: string | object, data: ArrayLike<number> = []): Uint8Array {
  const json = new TextEncoder().encode(typeof header === 'string' ? header : JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + data.length);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  out.set(data, 8 + json.length);
  return out;
}

const valid = serializeSafetensors([
  ['a', { dtype: 'F32', shape: [2, 3], data: Float32Array.from([1, 2, 3, 4, 5, 6]) }],
  ['b', { dtype: 'F16', shape: [3], data: Uint16Array.from([0x3c00, 0x4000, 0xbc00]) }],
  ['c', { dtype: 'I32', shape: [], data: Int32Array.from([7]) }],
], { format: 'pt' });

afterAll(() => {
  console.log(`safetensors fuzz: ${counter.cases} cases (${counter.rejected} rejected with a CheckpointError, ${counter.accepted} accepted)`);
});

describe('safetensors: hand-made malformed files', () => {
  it('every truncation of a valid file is rejected', () => {
    for (let n = 0; n < valid.length; n++) expectRejected(valid.subarray(0, n), parse);
    expect(fuzzCase(valid, parse)).toBeNull();
  });

  it('header length beyond the file, or near 2^64', () => {
    for (const len of [BigInt(valid.length), 2n ** 32n, 2n ** 53n + 1n, 2n ** 64n - 1n]) {
      const f = valid.slice();
      new DataView(f.buffer).setBigUint64(0, len, true);
      expectRejected(f, parse, 'header length');
    }
  });

  it('offsets out of range, reversed, non-integer, or overlapping', () => {
    const t = (o: unknown) => ({ x: { dtype: 'F32', shape: [1], data_offsets: o } });
    expectRejected(build(t([0, 4])), parse, 'within the 0-byte data section');
    expectRejected(build(t([4, 0]), new Uint8Array(4)), parse, 'begin ≤ end');
    expectRejected(build(t([0, 2 ** 60]), new Uint8Array(4)), parse, 'data_offsets');
    expectRejected(build(t([0.5, 4.5]), new Uint8Array(8)), parse, 'data_offsets');
    expectRejected(build(t([-4, 0]), new Uint8Array(8)), parse, 'data_offsets');
    expectRejected(build(t('0,4'), new Uint8Array(8)), parse, 'data_offsets');
    const overlap = { a: { dtype: 'F32', shape: [2], data_offsets: [0, 8] }, b: { dtype: 'F32', shape: [1], data_offsets: [4, 8] } };
    expectRejected(build(overlap, new Uint8Array(8)), parse, 'does not overlap tensor "a"');
  });

  it('dtype, shape and byte count that disagree', () => {
    expectRejected(build({ x: { dtype: 'F32', shape: [3], data_offsets: [0, 8] } }, new Uint8Array(8)), parse, 'a range of 12 bytes');
    expectRejected(build({ x: { dtype: 'F16', shape: [2], data_offsets: [0, 8] } }, new Uint8Array(8)), parse, 'a range of 4 bytes');
    expectRejected(build({ x: { dtype: 'U8', shape: [2], data_offsets: [0, 2] } }, new Uint8Array(2)), parse, 'dtype');
    expectRejected(build({ x: { dtype: 'F32', shape: [-1], data_offsets: [0, 4] } }, new Uint8Array(4)), parse, 'shape');
    expectRejected(build({ x: { dtype: 'F32', shape: [1.5], data_offsets: [0, 4] } }, new Uint8Array(4)), parse, 'shape');
    expectRejected(build({ x: { dtype: 'F32', shape: 4, data_offsets: [0, 16] } }, new Uint8Array(16)), parse, 'shape');
    expectRejected(build({ x: { dtype: 'F32', data_offsets: [0, 4] } }, new Uint8Array(4)), parse, 'shape');
    expectRejected(build({ x: 'F32' }), parse, 'an object with dtype, shape and data_offsets');
  });

  it('shape products that overflow, checked before any allocation', () => {
    const huge = [2 ** 30, 2 ** 30, 2 ** 30];
    expectRejected(build({ x: { dtype: 'F32', shape: huge, data_offsets: [0, 4] } }, new Uint8Array(4)), parse, 'product is at most');
    expectRejected(build({ x: { dtype: 'F64', shape: [2 ** 50], data_offsets: [0, 8] } }, new Uint8Array(8)), parse, 'a range of');
    // A zero anywhere makes the tensor empty, however large the others.
    const empty = parse(build({ x: { dtype: 'F32', shape: [0, 2 ** 52, 2 ** 52], data_offsets: [0, 0] } }));
    expect(empty.tensors.get('x')!.data.length).toBe(0);
  });

  it('non-UTF-8, non-JSON, non-object, deeply nested and duplicate-key headers', () => {
    const bad = build('{"x":1}');
    bad[10] = 0xfe;
    expectRejected(bad, parse, 'UTF-8');
    expectRejected(build('{"x": {'), parse, 'JSON text');
    expectRejected(build('\u0000'), parse, 'JSON text');
    expectRejected(build('[1, 2]'), parse, 'a JSON object');
    const deep = `{"__metadata__":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    expectRejected(build(deep), parse, '__metadata__');
    const t = '{"dtype":"F32","shape":[1],"data_offsets":[0,4]}';
    expectRejected(build(`{"x":${t},"x":${t}}`, new Uint8Array(4)), parse, 'unique');
    expectRejected(build('{"__metadata__":{"a":1}}'), parse, '__metadata__ "a"');
  });

  it('NaN and ±Inf payloads are valid float data: loaded bit for bit, and a module runs on them', async () => {
    // A checkpoint of a diverged run holds NaN/Inf legitimately; rejecting it would hide the
    // evidence. They load as they are, and nothing downstream crashes.
    const bits = Uint32Array.from([0x7fc00000, 0x7f800000, 0xff800000, 0x7fa00001, 0, 0x3f800000]);
    const f = serializeSafetensors([['weight_v', { dtype: 'F32', shape: [2, 1, 3], data: new Float32Array(bits.buffer) }]]);
    expect(fuzzCase(f, parse)).toBeNull();
    const got = parse(f).tensors.get('weight_v')!.data as Float32Array;
    expect(Array.from(new Uint32Array(got.buffer, got.byteOffset, 6))).toEqual(Array.from(bits));
    const conv = weightNorm(new Conv1d(1, 2, 3, { bias: false }));
    await conv.loadStateDict({ weight_g: tensor([1, 1], [2, 1, 1]), weight_v: tensor(got, [2, 1, 3]) });
    const y = await conv.forward(tensor([1, 2, 3], [1, 1, 3])).data();
    expect(y.length).toBe(2);
    expect(Number.isNaN(y[0]!)).toBe(true);
  });
});

describe('safetensors: property-based', () => {
  it('random byte edits of a valid file load or fail with a CheckpointError', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), (edits) => {
        const f = valid.slice();
        for (const [at, b] of edits) f[at] = b;
        fuzzCase(f, parse);
      }),
      { numRuns: 3000, seed: 7 },
    );
  });

  it('random headers (dtypes, shapes, offsets, values of every JSON type) load or fail with a CheckpointError', () => {
    const dim = fc.oneof(fc.nat(4), fc.constantFrom(-1, 0.5, 2 ** 31, 2 ** 53, 2 ** 60, '3', null));
    const entry = fc.record({
      dtype: fc.constantFrom('F32', 'F16', 'BF16', 'F64', 'I32', 'I64', 'U8', 'BOOL', '', '__proto__', 3),
      shape: fc.oneof(fc.array(dim, { maxLength: 4 }), fc.constant('x')),
      data_offsets: fc.oneof(fc.tuple(fc.nat(80), fc.nat(80)), fc.array(fc.integer({ min: -5, max: 2 ** 40 }), { maxLength: 3 })),
    }, { requiredKeys: [] });
    const header = fc.dictionary(fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('__metadata__', '__proto__', 'constructor')), fc.oneof(entry, fc.jsonValue({ maxDepth: 3 })), { maxKeys: 5 });
    fc.assert(
      fc.property(header, fc.uint8Array({ maxLength: 80 }), (h, data) => {
        fuzzCase(build(h, data), parse);
      }),
      { numRuns: 3000, seed: 11 },
    );
  });

  it('random bytes of any length fail with a CheckpointError', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (b) => void fuzzCase(b, parse)), { numRuns: 1000, seed: 3 });
  });

  it('a module whose loadStateDict failed keeps its old weights', async () => {
    const conv = weightNorm(new Conv1d(2, 3, 3));
    const good = serializeSafetensors(
      Object.entries(conv.stateDict()).map(([k, t]) => [k, { dtype: 'F32', shape: t.shape, data: new Float32Array(t.size).fill(0.5) }] as const),
    );
    const before = await Promise.all(Object.values(conv.stateDict()).map((t) => t.data()));
    let failures = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }), async (edits) => {
        const f = good.slice();
        for (const [at, b] of edits) f[at] = b;
        counter.cases++;
        try {
          await conv.loadStateDict(await loadSafetensors(f));
          // Accepted edits (inside the data) change values; restore for the next run.
          await conv.loadStateDict(Object.fromEntries(Object.keys(conv.stateDict()).map((k, i) => [k, tensor(before[i]!, conv.stateDict()[k]!.shape)])));
        } catch (e) {
          expect(e?.constructor?.name).toBe('CheckpointError');
          failures++;
          const now = await Promise.all(Object.values(conv.stateDict()).map((t) => t.data()));
          expect(now).toEqual(before);
        }
      }),
      { numRuns: 500, seed: 5 },
    );
    expect(failures).toBeGreaterThan(50);
  });
});
