import { CheckpointError } from '@weightnorm/core';
import type { SafetensorsDType, SafetensorsEntry } from './safetensors-entry.js';

const OP = 'loadSafetensors';

/** The same cap the reference implementation uses, so a corrupt length cannot make us decode gigabytes. */
const MAX_HEADER_BYTES = 100_000_000;

/** Bytes per element in the file. A Map, not an object, so a dtype like "__proto__" finds nothing. */
const ITEM_SIZE: ReadonlyMap<string, number> = new Map<SafetensorsDType, number>([
  ['F32', 4],
  ['F16', 2],
  ['BF16', 2],
  ['F64', 8],
  ['I32', 4],
  ['I64', 8],
]);

// Typed-array byte copies below read the file as host-endian; safetensors is little-endian.
const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

interface Layout {
  name: string;
  dtype: SafetensorsDType;
  shape: number[];
  count: number;
  begin: number;
  end: number;
}

function fail(argument: string, allowed: string, received: unknown): never {
  throw new CheckpointError({ op: OP, argument, allowed, received: summarize(received) });
}

/**
 * A received header value made safe to format: flat arrays of scalars stay as they are (shapes,
 * offsets); nested arrays and objects become a one-line description, since formatting a
 * 100 000-deep `[[[…]]]` from a hostile header would overflow the stack.
 */
function summarize(value: unknown): unknown {
  if (Array.isArray(value)) {
    return value.every((v) => typeof v !== 'object' || v === null) ? value : `an array of ${value.length} items, some nested`;
  }
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    return `an object with ${keys.length} keys (${excerpt(keys.join(', '))})`;
  }
  return value;
}

/** A short, single-line excerpt of untrusted text for an error message. */
function excerpt(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 60)}…` : flat;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Scans JSON text that JSON.parse has already accepted (so the syntax can be trusted) and
 * returns the top-level keys in file order plus the first key repeated within any one object.
 *
 * JSON.parse keeps the last of two equal keys without a word, so a file could show one tensor
 * to us and another to a different reader. Keys are compared after unescaping, since "a" and
 * "\u0061" are the same key. The scan keeps an explicit stack, so deep nesting cannot overflow
 * the call stack. The file order also matters: object key order would put integer-like names
 * such as "0" first.
 */
function scanKeys(text: string): { topLevel: string[]; duplicate?: string[] } {
  // One frame per open object or array: the keys seen so far (null for an array) and the
  // last key, which names the path to any nested duplicate.
  const stack: { keys: Set<string> | null; last: string }[] = [];
  const topLevel: string[] = [];
  let expectingKey = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22 /* " */) {
      let j = i + 1;
      while (text.charCodeAt(j) !== 0x22) j += text.charCodeAt(j) === 0x5c /* \ */ ? 2 : 1;
      const frame = stack[stack.length - 1];
      if (expectingKey && frame?.keys) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        if (frame.keys.has(key)) {
          const path = stack.slice(0, -1).filter((f) => f.keys !== null).map((f) => f.last);
          return { topLevel, duplicate: [...path, key] };
        }
        frame.keys.add(key);
        frame.last = key;
        if (stack.length === 1) topLevel.push(key);
        expectingKey = false;
      }
      i = j;
    } else if (ch === 0x7b /* { */) {
      stack.push({ keys: new Set(), last: '' });
      expectingKey = true;
    } else if (ch === 0x5b /* [ */) {
      stack.push({ keys: null, last: '' });
      expectingKey = false;
    } else if (ch === 0x7d /* } */ || ch === 0x5d /* ] */) {
      stack.pop();
      expectingKey = false;
    } else if (ch === 0x2c /* , */) {
      expectingKey = stack[stack.length - 1]?.keys != null;
    }
  }
  return { topLevel };
}

/** Checks one header entry's form and sizes; allocates nothing. */
function readLayout(name: string, info: unknown, dataLength: number): Layout {
  const where = `tensor ${JSON.stringify(name)}`;
  if (!isPlainObject(info)) {
    fail(where, 'an object with dtype, shape and data_offsets', info);
  }

  const dtype = info.dtype;
  const itemSize = typeof dtype === 'string' ? ITEM_SIZE.get(dtype) : undefined;
  if (itemSize === undefined) {
    fail(`${where} dtype`, `one of ${[...ITEM_SIZE.keys()].join(', ')}`, dtype);
  }

  const shape = info.shape;
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    fail(`${where} shape`, 'an array of non-negative safe integers', shape);
  }
  // A zero dimension makes the tensor empty whatever the others claim; otherwise check each
  // step so the product is exact.
  let count = 1;
  if (shape.includes(0)) {
    count = 0;
  } else {
    for (const d of shape as number[]) {
      // An exact product above 2^53 - 1 rounds to at least 2^53, so this never misses one.
      count *= d;
      if (!Number.isSafeInteger(count)) {
        fail(`${where} shape`, `dimensions whose product is at most ${Number.MAX_SAFE_INTEGER}`, shape);
      }
    }
  }

  const offsets = info.data_offsets;
  if (
    !Array.isArray(offsets) ||
    offsets.length !== 2 ||
    !offsets.every((o) => Number.isSafeInteger(o) && o >= 0) ||
    offsets[0] > offsets[1]
  ) {
    fail(`${where} data_offsets`, 'two non-negative safe integers [begin, end] with begin ≤ end', offsets);
  }
  const [begin, end] = offsets as [number, number];

  // count × itemSize can exceed 2^53 only when it is already larger than any safe end − begin,
  // and rounding cannot bring it back down to equality, so this comparison is exact.
  const byteCount = count * itemSize;
  if (byteCount !== end - begin) {
    fail(
      `${where} data_offsets`,
      `a range of ${byteCount} bytes (${count} elements of ${dtype as string}, shape ${JSON.stringify(shape)})`,
      offsets,
    );
  }
  if (end > dataLength) {
    fail(`${where} data_offsets`, `a range within the ${dataLength}-byte data section`, offsets);
  }
  // `-0` passes the checks above; store it as 0 so shapes compare equal with Object.is too.
  return { name, dtype: dtype as SafetensorsDType, shape: (shape as number[]).map((d) => d + 0), count, begin, end };
}

/** Throws unless the byte ranges are pairwise disjoint. Gaps between tensors are allowed. */
function checkNoOverlap(layouts: Layout[]): void {
  // An empty range claims no bytes, so it cannot overlap anything wherever it points.
  const sorted = layouts.filter((l) => l.end > l.begin).sort((a, b) => a.begin - b.begin);
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1];
    const cur = sorted[i];
    if (cur.begin < prev.end) {
      fail(
        `tensor ${JSON.stringify(cur.name)} data_offsets`,
        `a byte range that does not overlap tensor ${JSON.stringify(prev.name)} at [${prev.begin}, ${prev.end}]`,
        [cur.begin, cur.end],
      );
    }
  }
}

/** Copies `src` into fresh, aligned storage; the file's bytes may sit at any offset. */
function copyBytes(src: Uint8Array, byteLength: number): ArrayBuffer {
  if (!HOST_IS_LITTLE_ENDIAN) {
    fail('host byte order', 'little-endian (safetensors data is little-endian)', 'big-endian');
  }
  const buffer = new ArrayBuffer(byteLength);
  new Uint8Array(buffer).set(src);
  return buffer;
}

/** Converts one tensor's bytes to its weightnorm host form (see SafetensorsEntry). */
function readEntry(layout: Layout, bytes: Uint8Array, view: DataView, dataStart: number): SafetensorsEntry {
  const { name, dtype, shape, count } = layout;
  const start = dataStart + layout.begin;
  const src = bytes.subarray(start, dataStart + layout.end);
  switch (dtype) {
    case 'F32':
      return { dtype: 'float32', shape, data: new Float32Array(copyBytes(src, count * 4)), sourceDType: dtype };
    case 'I32':
      return { dtype: 'int32', shape, data: new Int32Array(copyBytes(src, count * 4)), sourceDType: dtype };
    case 'F16':
      return { dtype: 'float16', shape, data: new Uint16Array(copyBytes(src, count * 2)), sourceDType: dtype };
    case 'BF16': {
      // bfloat16 is the top 16 bits of a float32: assembling the bits is exact and endian-free.
      const data = new Float32Array(count);
      const bits = new Uint32Array(data.buffer);
      for (let i = 0; i < count; i++) bits[i] = (src[2 * i] | (src[2 * i + 1] << 8)) << 16;
      return { dtype: 'float32', shape, data, sourceDType: dtype };
    }
    case 'F64': {
      // Lossy: each double is rounded to the nearest float32 (weightnorm has no float64).
      const data = new Float32Array(count);
      for (let i = 0; i < count; i++) data[i] = view.getFloat64(start + 8 * i, true);
      return { dtype: 'float32', shape, data, sourceDType: dtype };
    }
    case 'I64': {
      // Read as two 32-bit halves: the value fits int32 exactly when the high half is the
      // sign extension of the low half's top bit. This avoids a BigInt per element.
      const data = new Int32Array(count);
      for (let i = 0; i < count; i++) {
        const lo = view.getInt32(start + 8 * i, true);
        const hi = view.getInt32(start + 8 * i + 4, true);
        if (hi !== lo >> 31) {
          fail(
            `tensor ${JSON.stringify(name)} data[${i}]`,
            'an I64 value in int32 range [-2147483648, 2147483647]',
            view.getBigInt64(start + 8 * i, true),
          );
        }
        data[i] = lo;
      }
      return { dtype: 'int32', shape, data, sourceDType: dtype };
    }
  }
}

/**
 * Decodes a safetensors file: an 8-byte little-endian header length N, N bytes of UTF-8 JSON
 * describing each tensor, then the data section the JSON's offsets point into.
 *
 * Every size and offset the header claims is checked against the file before anything is
 * allocated for it, so a corrupt or hostile file fails with a CheckpointError naming the field
 * instead of exhausting memory. Tensors may leave gaps in the data section but not overlap.
 * The returned map follows the header's key order, and every array is a fresh copy that does
 * not alias `bytes`.
 *
 * @example
 * const { tensors, metadata } = parseSafetensors(new Uint8Array(await readFile('model.safetensors')));
 * tensors.get('conv.weight'); // { dtype: 'float32', shape: [16, 8, 3], data: Float32Array, sourceDType: 'F32' }
 */
export function parseSafetensors(bytes: Uint8Array): {
  tensors: Map<string, SafetensorsEntry>;
  metadata: Record<string, string>;
} {
  if (!(bytes instanceof Uint8Array)) fail('bytes', 'a Uint8Array', bytes);
  if (bytes.length < 8) {
    fail('file', 'at least 8 bytes (the little-endian u64 header length)', `${bytes.length} bytes`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getBigUint64(0, true);
  const headerLimit = Math.min(MAX_HEADER_BYTES, bytes.length - 8);
  if (headerLength > BigInt(headerLimit)) {
    const why = headerLimit === MAX_HEADER_BYTES ? 'the header size cap' : `the ${headerLimit} bytes after the length`;
    fail('header length', `at most ${headerLimit} bytes (${why})`, headerLength);
  }
  const dataStart = 8 + Number(headerLength);
  const dataLength = bytes.length - dataStart;

  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, dataStart));
  } catch {
    fail('header', 'valid UTF-8 text', `${headerLength} bytes that are not UTF-8`);
  }
  let header: unknown;
  try {
    header = JSON.parse(text);
  } catch {
    fail('header', 'JSON text', excerpt(text));
  }
  if (!isPlainObject(header)) {
    fail('header', 'a JSON object mapping tensor names to {dtype, shape, data_offsets}', excerpt(text));
  }
  const { topLevel, duplicate } = scanKeys(text);
  if (duplicate) {
    const path = duplicate.map((k) => JSON.stringify(k)).join('.');
    fail(`header key ${path}`, 'unique within its JSON object', 'a second occurrence');
  }

  const layouts: Layout[] = [];
  let metadata: Record<string, string> = {};
  for (const name of topLevel) {
    const info = header[name];
    if (name === '__metadata__') {
      metadata = readMetadata(info);
    } else {
      layouts.push(readLayout(name, info, dataLength));
    }
  }
  checkNoOverlap(layouts);

  const tensors = new Map<string, SafetensorsEntry>();
  for (const layout of layouts) tensors.set(layout.name, readEntry(layout, bytes, view, dataStart));
  return { tensors, metadata };
}

/** Validates `__metadata__`: absent or null means none; otherwise an object of strings. */
function readMetadata(value: unknown): Record<string, string> {
  // serde's Option in the reference reader also treats null as absent.
  if (value === null || value === undefined) return {};
  if (!isPlainObject(value)) fail('__metadata__', 'an object of string values', value);
  for (const [key, v] of Object.entries(value)) {
    if (typeof v !== 'string') fail(`__metadata__ ${JSON.stringify(key)}`, 'a string', v);
  }
  // fromEntries defines own properties, so a key named "__proto__" stays an ordinary key.
  return Object.fromEntries(Object.entries(value)) as Record<string, string>;
}
