import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tensor } from '@weightnorm/core';
import fc from 'fast-check';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { Linear, loadCheckpoint, weightNorm } from '../../src/index.js';
import { readCheckpoint } from '../../src/checkpoint/read-checkpoint.js';
import { readTorchCheckpoint } from '../../src/checkpoint/read-torch-checkpoint.js';
import { buildZip } from './build-zip.js';
import { counter, expectRejected, fuzzCase } from './fuzz-case.js';
import { oneTensorPickle, P, pickle, ptEntries, tensorOps } from './pickle-ops.js';

// Each case is bounded by fuzzCase (2 s); a property run is thousands of cases, which on a busy
// 2-core CI machine can exceed vitest's 5 s default for the whole test without any case hanging.
vi.setConfig({ testTimeout: 60_000 });

const parse = readTorchCheckpoint;
const fixture = (name: string) => new Uint8Array(readFileSync(fileURLToPath(new URL(`../fixtures/pt/${name}`, import.meta.url))));
const dtypesPt = fixture('dtypes.pt');
const nestedPt = fixture('nested.pt');
const f32 = (...xs: number[]) => new Uint8Array(Float32Array.from(xs).buffer);

/** A torch-layout zip holding `pkl` and the given storages. */
const pt = (pkl: Uint8Array, storages: Record<string, Uint8Array> = {}) => buildZip(ptEntries(pkl, storages));
/** The pickle of {"w": <tensor of `type` from storage "0" with these view fields>}. */
const view = (type: string, numel: number, offset: number, size: number[], stride: number[]) =>
  pickle(P.proto(), P.emptyDict(), P.str('w'), ...tensorOps(type, '0', numel, offset, size, stride), P.setitem(), P.stop());
const valid = pt(oneTensorPickle('w', 3), { '0': f32(1, 2, 3) });

afterAll(() => {
  console.log(`.pt fuzz: ${counter.cases} cases (${counter.rejected} rejected with a CheckpointError, ${counter.accepted} accepted)`);
});

describe('.pt: the hand-built baseline is valid', () => {
  it('reads {"w": [1, 2, 3]}', () => {
    expect(fuzzCase(valid.bytes, parse)).toBeNull();
    expect(Array.from(parse(valid.bytes).tensors.get('w')!.data)).toEqual([1, 2, 3]);
  });
});

describe('.pt: malformed zip containers', () => {
  it('every truncation of torch-saved files is rejected', () => {
    for (const file of [dtypesPt, valid.bytes]) {
      for (let n = 0; n < file.length; n++) expectRejected(file.subarray(0, n), parse);
    }
  });

  it('reads zip64 archives (sizes and offsets in zip64 fields), and rejects broken zip64 records', () => {
    const z = buildZip(ptEntries(oneTensorPickle('w', 3), { '0': f32(1, 2, 3) }), { zip64: true });
    expect(fuzzCase(z.bytes, parse)).toBeNull();
    expect(Array.from(parse(z.bytes).tensors.get('w')!.data)).toEqual([1, 2, 3]);
    const locator = z.eocd - 20;
    const record = z.eocd - 76;
    const far = z.bytes.slice();
    new DataView(far.buffer).setBigUint64(locator + 8, 2n ** 60n, true);
    expectRejected(far, parse, 'zip64 end of central directory offset');
    const count = z.bytes.slice();
    new DataView(count.buffer).setBigUint64(record + 32, 2n ** 40n, true);
    expectRejected(count, parse, 'zip entry count');
    const size = z.bytes.slice();
    new DataView(size.buffer).setBigUint64(z.central[1]! + 46 + 'archive/data/0'.length + 4, 2n ** 33n, true);
    expectRejected(size, parse, 'zip entry "archive/data/0"');
    const noExtra = z.bytes.slice();
    new DataView(noExtra.buffer).setUint16(z.central[0]! + 46 + 'archive/data.pkl'.length, 9, true);
    expectRejected(noExtra, parse, 'a zip64 field holding the sizes');
  });

  it('no end record, or one that points outside the file', () => {
    expectRejected(valid.bytes.subarray(0, valid.eocd), parse, 'end of central directory');
    const f = valid.bytes.slice();
    new DataView(f.buffer).setUint32(valid.eocd + 16, f.length, true);
    expectRejected(f, parse, 'zip central directory');
    const g = valid.bytes.slice();
    new DataView(g.buffer).setUint16(g.length - 12, 60000, true); // entry count
    new DataView(g.buffer).setUint16(g.length - 14, 60000, true);
    expectRejected(g, parse, 'zip entry count');
    const h = valid.bytes.slice();
    new DataView(h.buffer).setUint32(valid.eocd + 16, 0xffffffff, true);
    expectRejected(h, parse, 'zip64 end of central directory locator');
    const multi = valid.bytes.slice();
    new DataView(multi.buffer).setUint16(valid.eocd + 4, 1, true);
    expectRejected(multi, parse, 'zip disk number');
  });

  it('an entry size beyond the file (a zip bomb claim) is rejected before any allocation', () => {
    for (const size of [0xfffffffe, 2 ** 31, 1000]) {
      const f = valid.bytes.slice();
      const v = new DataView(f.buffer);
      v.setUint32(valid.central[1]! + 20, size, true);
      v.setUint32(valid.central[1]! + 24, size, true);
      expectRejected(f, parse, 'zip entry "archive/data/0" data');
    }
    const f = valid.bytes.slice();
    new DataView(f.buffer).setUint32(valid.central[1]! + 20, 4, true);
    expectRejected(f, parse, 'a compressed size equal to the stored size');
  });

  it('overlapping entries (a second entry hidden inside another one\'s data) are rejected', () => {
    const version = new TextEncoder().encode('3\n');
    // A complete local header + data for archive/version, stored as the *data* of another entry.
    const inner = buildZip([['archive/version', version]]).bytes.subarray(0, 30 + 'archive/version'.length + version.length);
    const z = buildZip([['archive/data.pkl', pickle(P.proto(), P.emptyDict(), P.stop())], ['archive/data/0', inner], ['archive/version', version]]);
    expect(fuzzCase(z.bytes, parse)).toBeNull();
    const f = z.bytes.slice();
    new DataView(f.buffer).setUint32(z.central[2]! + 42, z.local[1]! + 30 + 'archive/data/0'.length, true);
    expectRejected(f, parse, 'not overlapping entry "archive/data/0"');
    // Two records pointing at one local header need the same name, which is a duplicate.
    const g = z.bytes.slice();
    new DataView(g.buffer).setUint32(z.central[2]! + 42, z.local[1]!, true);
    expectRejected(g, parse, 'the same name as its central record');
  });

  it('bad entries: local signature, name mismatch, CRC, duplicates, encryption, compression, non-UTF-8 names', () => {
    const sig = valid.bytes.slice();
    sig[valid.local[1]!] = 0;
    expectRejected(sig, parse, 'local header offset');
    const name = valid.bytes.slice();
    name[valid.local[0]! + 30] = 'b'.charCodeAt(0);
    expectRejected(name, parse, 'the same name as its central record');
    const crc = valid.bytes.slice();
    crc[valid.local[1]! + 30 + 'archive/data/0'.length] ^= 1;
    expectRejected(crc, parse, 'CRC-32');
    const enc = valid.bytes.slice();
    new DataView(enc.buffer).setUint16(valid.central[0]! + 8, 1, true);
    expectRejected(enc, parse, 'unencrypted');
    for (const [method, label] of [[8, 'deflate'], [12, 'bzip2'], [14, 'LZMA'], [93, 'zstd'], [77, 'unknown']] as const) {
      const m = valid.bytes.slice();
      new DataView(m.buffer).setUint16(valid.central[0]! + 10, method, true);
      expectRejected(m, parse, `${method} (${label})`);
    }
    const utf = valid.bytes.slice();
    utf[valid.central[2]! + 46] = 0xff;
    expectRejected(utf, parse, 'not UTF-8');
    const twice = buildZip([...ptEntries(oneTensorPickle('w', 1), { '0': f32(1) }), ['archive/version', new Uint8Array(1)]]);
    expectRejected(twice.bytes, parse, 'a second entry with this name');
  });

  it('archives without exactly one data.pkl, TorchScript archives, big-endian checkpoints', () => {
    expectRejected(buildZip([['archive/version', new Uint8Array(2)]]).bytes, parse, 'exactly one <name>/data.pkl');
    expectRejected(buildZip([['a/data.pkl', new Uint8Array(1)], ['b/data.pkl', new Uint8Array(1)]]).bytes, parse, 'exactly one');
    expectRejected(buildZip([['m/constants.pkl', new Uint8Array(1)], ['m/code/x.py', new Uint8Array(1)]]).bytes, parse, 'TorchScript');
    const big = buildZip([...ptEntries(oneTensorPickle('w', 1), { '0': f32(1) }), ['archive/byteorder', new TextEncoder().encode('big')]]);
    expectRejected(big.bytes, parse, 'byteorder');
    expectRejected(new TextEncoder().encode('not a checkpoint at all'), parse, 'PyTorch zip checkpoint');
    expectRejected(new Uint8Array(300).fill(0x20), parse, 'format');
  });
});

describe('.pt: malformed pickles', () => {
  const storage = { '0': f32(1, 2, 3) };
  const cases: [string, Uint8Array, string][] = [
    ['an unknown opcode', pickle(P.proto(), [0xff]), 'unknown opcode 0xff'],
    ['a refused opcode (INST)', pickle(P.proto(), [0x69]), 'INST 0x69'],
    ['a truncated pickle', pickle(P.proto(), P.emptyDict()), 'truncated pickle'],
    ['a string longer than the pickle', pickle(P.proto(), [0x58, 0xff, 0xff, 0xff, 0x7f]), 'truncated'],
    ['a non-UTF-8 string', pickle(P.proto(), [0x58, 1, 0, 0, 0, 0xff], P.stop()), 'not UTF-8'],
    ['stack underflow', pickle(P.proto(), P.setitem()), 'an empty stack'],
    ['a MARK where a value is needed', pickle(P.proto(), P.mark(), P.reduce()), 'a mark'],
    ['a GET of an unset memo', pickle(P.proto(), P.binget(9)), 'memo index'],
    ['two values at STOP', pickle(P.proto(), P.none(), P.none(), P.stop()), 'exactly one value'],
    ['a pickle protocol above 5', pickle(P.proto(6)), 'pickle protocol'],
    ['a LONG1 over 8 bytes', pickle(P.proto(), P.long1(new Array(9).fill(1))), 'at most 8 bytes'],
    ['a forbidden global (builtins.eval)', pickle(P.proto(), P.global('builtins', 'eval')), 'received "builtins.eval"'],
    ['a forbidden global via STACK_GLOBAL', pickle(P.proto(4), P.str('os'), P.str('system'), [0x93]), 'received "os.system"'],
    ['a storage type outside the list', view('ByteStorage', 3, 0, [3], [1]), 'received "torch.ByteStorage"'],
    ['REDUCE on a non-global', pickle(P.proto(), P.none(), P.emptyTuple(), P.reduce()), 'a global as the callable'],
    ['OrderedDict with arguments', pickle(P.proto(), P.global('collections', 'OrderedDict'), P.mark(), P.int(1), P.tuple(), P.reduce()), 'OrderedDict arguments'],
    ['a tuple as dict key', pickle(P.proto(), P.emptyDict(), P.emptyTuple(), P.none(), P.setitem()), 'a string or an integer'],
    ['a duplicate dict key', pickle(P.proto(), P.emptyDict(), P.str('a'), P.none(), P.setitem(), P.str('a'), P.none(), P.setitem(), P.stop()), 'a key set once'],
    ['SETITEM on a list', pickle(P.proto(), P.emptyList(), P.str('a'), P.none(), P.setitem()), 'a dict as the target'],
    ['BUILD on a tensor-less list', pickle(P.proto(), P.emptyList(), P.emptyDict(), P.build()), 'BUILD only on a dict'],
    ['a top-level list', pickle(P.proto(), P.emptyList(), P.stop()), 'a dict of tensors'],
    ['a self-containing dict', pickle(P.proto(), P.emptyDict(), P.binput(0), P.str('a'), P.binget(0), P.setitem(), P.stop()), 'nesting at most 32'],
    ['nesting 100 deep', pickle(P.proto(), P.emptyDict(), P.str('a'), ...new Array(100).fill(P.emptyList()), ...new Array(99).fill(P.append()), P.setitem(), P.stop()), 'nesting at most 32'],
    ['a malformed persistent id', pickle(P.proto(), P.str('storage'), P.binpersid()), 'persistent id'],
    ['a dotted-key collision', pickle(P.proto(), P.emptyDict(), P.str('a.b'), P.none(), P.setitem(), P.str('a'), P.emptyDict(), P.str('b'), P.none(), P.setitem(), P.setitem(), P.stop()), 'a dotted path used by one value'],
  ];
  it.each(cases)('%s', (_, pkl, text) => {
    expectRejected(pt(pkl, storage).bytes, parse, text);
  });

  it('a storage without its entry', () => {
    expectRejected(pt(view('FloatStorage', 3, 0, [3], [1]), { '1': f32(1, 2, 3) }).bytes, parse, 'an entry archive/data/0');
  });

  it('tensor views that do not fit their storage, or overflow', () => {
    const s = { '0': f32(1, 2, 3) };
    expectRejected(pt(view('FloatStorage', 4, 0, [4], [1]), s).bytes, parse, 'storage "0" size', '16 bytes');
    expectRejected(pt(view('FloatStorage', 3, 1, [3], [1]), s).bytes, parse, 'a view ending inside its 3-element storage');
    expectRejected(pt(view('FloatStorage', 3, 0, [2], [3]), s).bytes, parse, 'a view ending inside');
    expect(Array.from(parse(pt(view('FloatStorage', 3, 0, [2], [2]), s).bytes).tensors.get('w')!.data)).toEqual([1, 3]);
    // stride 0 could repeat one element 2^40 times: refused, so nothing larger than the storage is allocated.
    expectRejected(pt(view('FloatStorage', 3, 0, [2 ** 30, 2 ** 10], [0, 0]), s).bytes, parse, 'at most the 3 elements');
    expectRejected(pt(view('FloatStorage', 3, 0, [2 ** 30, 2 ** 30, 2 ** 30], [0, 0, 0]), s).bytes, parse, 'at most 9007199254740991');
    expectRejected(pt(view('FloatStorage', 3, 0, [3], [1, 1]), s).bytes, parse, 'one per dimension');
    expectRejected(pt(view('FloatStorage', 3, 0, new Array(65).fill(1), new Array(65).fill(1)), s).bytes, parse, 'at most 64 integers');
    expectRejected(pt(view('FloatStorage', 3, -1, [1], [1]), s).bytes, parse, 'storage_offset');
    expectRejected(pt(view('FloatStorage', 3, 0, [-1], [1]), s).bytes, parse, 'non-negative');
    const i64 = new Uint8Array(new BigInt64Array([1n, 2n ** 40n]).buffer);
    expectRejected(pt(view('LongStorage', 2, 0, [2], [1]), { '0': i64 }).bytes, parse, 'int32 range', `received ${2n ** 40n}`);
    // The same storage named with two types.
    const twice = pickle(P.proto(), P.emptyDict(), P.str('a'), ...tensorOps('FloatStorage', '0', 3, 0, [3], [1]), P.setitem(),
      P.str('b'), ...tensorOps('IntStorage', '0', 3, 0, [3], [1]), P.setitem(), P.stop());
    expectRejected(pt(twice, s).bytes, parse, 'the same type and size at every use');
  });

  it('NaN and ±Inf payloads load bit for bit (they are valid floats in a checkpoint)', () => {
    const bits = Uint32Array.from([0x7fc00000, 0x7f800000, 0xff800000]);
    const { tensors } = parse(pt(oneTensorPickle('w', 3), { '0': new Uint8Array(bits.buffer) }).bytes);
    const got = tensors.get('w')!.data as Float32Array;
    expect(Array.from(new Uint32Array(got.buffer, got.byteOffset, 3))).toEqual(Array.from(bits));
  });
});

describe('.pt: property-based', () => {
  it('random byte edits of torch-saved files load or fail with a CheckpointError', () => {
    for (const [file, seed] of [[dtypesPt, 1], [nestedPt, 2]] as const) {
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.nat(file.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 6 }), (edits) => {
          const f = file.slice();
          for (const [at, b] of edits) f[at] = b;
          fuzzCase(f, readCheckpoint);
        }),
        { numRuns: 2000, seed },
      );
    }
  });

  it('random opcode soups in a valid container load or fail with a CheckpointError', () => {
    const snippet = fc.oneof(
      fc.constantFrom(P.mark(), P.none(), P.emptyDict(), P.emptyList(), P.emptyTuple(), P.tuple(), P.tuple2(), P.setitem(), P.setitems(),
        P.append(), P.reduce(), P.build(), P.binpersid(), P.stop(), P.str('storage'), P.str('w'), P.str('0'), P.str('cpu'), P.bool(false),
        P.global('collections', 'OrderedDict'), P.global('torch._utils', '_rebuild_tensor_v2'), P.global('torch', 'FloatStorage'),
        P.global('torch._utils', '_rebuild_parameter')),
      fc.integer({ min: -2, max: 5 }).map(P.int),
      fc.nat(4).map(P.binput),
      fc.nat(4).map(P.binget),
      fc.integer({ min: 0, max: 255 }).map((b) => [b]),
    );
    fc.assert(
      fc.property(fc.array(snippet, { maxLength: 60 }), (ops) => {
        fuzzCase(pt(pickle(P.proto(), ...ops), { '0': f32(1, 2, 3) }).bytes, parse);
      }),
      { numRuns: 3000, seed: 9 },
    );
  });

  it('random tensor views (offset, size, stride, numel) load or fail, never reading outside the storage', () => {
    const small = fc.oneof(fc.nat(5), fc.constantFrom(2 ** 31, 2 ** 53));
    fc.assert(
      fc.property(fc.nat(6), fc.nat(8), fc.array(small, { maxLength: 3 }), fc.array(small, { maxLength: 3 }), (numel, offset, size, stride) => {
        const bytes = pt(view('FloatStorage', numel, offset, size, stride), { '0': f32(...Array.from({ length: numel }, (_, i) => i)) }).bytes;
        const err = fuzzCase(bytes, parse);
        if (err === null) {
          const t = parse(bytes).tensors.get('w')!;
          for (const x of t.data) expect(x).toBeLessThan(numel);
        }
      }),
      { numRuns: 2000, seed: 13 },
    );
  });

  it('a module whose loadStateDict failed keeps its old weights', async () => {
    const lin = weightNorm(new Linear(3, 2));
    const before = await Promise.all(Object.values(lin.stateDict()).map((t) => t.data()));
    let failures = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(nestedPt.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 3 }), async (edits) => {
        const f = nestedPt.slice();
        for (const [at, b] of edits) f[at] = b;
        counter.cases++;
        try {
          await lin.loadStateDict(await loadCheckpoint(f, { key: 'generator' }));
          // An edit the reader accepts (e.g. in a zip comment field) loaded the checkpoint: restore.
          await lin.loadStateDict(Object.fromEntries(Object.keys(lin.stateDict()).map((k, i) => [k, tensor(before[i]!, lin.stateDict()[k]!.shape)])));
        } catch (e) {
          expect(e?.constructor?.name).toBe('CheckpointError');
          failures++;
          expect(await Promise.all(Object.values(lin.stateDict()).map((t) => t.data()))).toEqual(before);
        }
      }),
      { numRuns: 300, seed: 17 },
    );
    expect(failures).toBeGreaterThan(100);
  });
});
