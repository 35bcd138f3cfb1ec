import { CheckpointError } from '@weightnorm/core';
import type { SafetensorsDType } from './safetensors-entry.js';

const OP = 'saveSafetensors';

/** Readers (ours included) refuse larger headers, so writing one would make an unreadable file. */
const MAX_HEADER_BYTES = 100_000_000;

type TensorData = Float32Array | Uint16Array | Int32Array;

/**
 * The typed array each writable dtype must arrive in. F16 and BF16 both take raw 16-bit
 * patterns, so nothing is rounded here; F64 and I64 are absent because weightnorm holds no
 * data of those types to write.
 */
const STORAGE: ReadonlyMap<string, new (n: number) => TensorData> = new Map<string, new (n: number) => TensorData>([
  ['F32', Float32Array],
  ['F16', Uint16Array],
  ['BF16', Uint16Array],
  ['I32', Int32Array],
]);

// The data bytes are copied as the host lays them out; safetensors is little-endian.
const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function fail(argument: string, allowed: string, received: unknown): never {
  throw new CheckpointError({ op: OP, argument, allowed, received });
}

interface Planned {
  name: string;
  dtype: string;
  shape: number[];
  data: TensorData;
}

/** Checks one tensor's dtype, storage and shape agree; returns it with a plain copy of the shape. */
function plan(item: unknown, seen: Set<string>): Planned {
  if (!Array.isArray(item) || item.length !== 2) fail('tensors', 'an iterable of [name, tensor] pairs', item);
  const [name, tensor] = item as [unknown, unknown];
  if (typeof name !== 'string') fail('tensor name', 'a string', name);
  if (name === '__metadata__') fail('tensor name', 'any string except "__metadata__" (reserved)', name);
  if (seen.has(name)) fail('tensor name', 'a name not used by an earlier tensor', name);
  seen.add(name);

  const where = `tensor ${JSON.stringify(name)}`;
  if (typeof tensor !== 'object' || tensor === null) fail(where, 'an object with dtype, shape and data', tensor);
  const { dtype, shape, data } = tensor as Record<string, unknown>;

  const ctor = typeof dtype === 'string' ? STORAGE.get(dtype) : undefined;
  if (!ctor) fail(`${where} dtype`, `one of ${[...STORAGE.keys()].join(', ')} (F64 and I64 are read-only)`, dtype);
  if (!(data instanceof ctor)) {
    const article = ctor === Int32Array ? 'an' : 'a';
    fail(`${where} data`, `${article} ${ctor.name} for dtype ${dtype as string}`, data);
  }
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    fail(`${where} shape`, 'an array of non-negative safe integers', shape);
  }
  // Any zero makes the tensor empty. Otherwise dims are ≥ 1, so an inexact product is already
  // ≥ 2^53 and cannot equal a typed array's length by accident.
  const count = shape.includes(0) ? 0 : (shape as number[]).reduce((a, d) => a * d, 1);
  if (count !== data.length) {
    fail(`${where} shape`, `dimensions whose product is the data length ${data.length}`, shape);
  }
  return { name, dtype: dtype as string, shape: (shape as number[]).map((d) => d + 0), data };
}

/**
 * Encodes tensors as a safetensors file: the little-endian u64 header length, the JSON header
 * (padded with spaces so the data section starts 8-byte aligned), then each tensor's bytes,
 * contiguous and in the order given.
 *
 * F32 takes a Float32Array, F16 and BF16 the raw bits in a Uint16Array, I32 an Int32Array.
 * Any other dtype, or data, dtype and shape that disagree, throws a CheckpointError.
 * `metadata` is written as `__metadata__` when it has at least one entry.
 *
 * @example
 * const bytes = serializeSafetensors([['linear.weight', { dtype: 'F32', shape: [2, 2], data: new Float32Array(4) }]]);
 */
export function serializeSafetensors(
  // `readonly` so `as const` pairs are accepted as well as Map entries; nothing is mutated.
  tensors: Iterable<readonly [string, { dtype: SafetensorsDType; shape: readonly number[]; data: TensorData }]>,
  metadata?: Record<string, string>,
): Uint8Array {
  // Header parts are joined by hand rather than built as one object: an object would move
  // integer-like names such as "0" to the front and treat "__proto__" specially.
  const parts: string[] = [];
  if (metadata !== undefined) {
    if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
      fail('metadata', 'an object of string values', metadata);
    }
    const entries = Object.entries(metadata);
    for (const [key, value] of entries) {
      if (typeof value !== 'string') fail(`metadata ${JSON.stringify(key)}`, 'a string', value);
    }
    if (entries.length > 0) {
      const body = entries.map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value)}`).join(',');
      parts.push(`"__metadata__":{${body}}`);
    }
  }

  if (tensors === null || typeof (tensors as Partial<Iterable<unknown>>)?.[Symbol.iterator] !== 'function') {
    fail('tensors', 'an iterable of [name, tensor] pairs', tensors);
  }
  const seen = new Set<string>();
  const planned: Planned[] = [];
  for (const item of tensors) planned.push(plan(item, seen));

  let offset = 0;
  for (const t of planned) {
    const end = offset + t.data.byteLength;
    const shape = JSON.stringify(t.shape);
    const info = `{"dtype":${JSON.stringify(t.dtype)},"shape":${shape},"data_offsets":[${offset},${end}]}`;
    // JSON.stringify escapes lone surrogates in names, so the header is always valid UTF-8.
    parts.push(`${JSON.stringify(t.name)}:${info}`);
    offset = end;
  }
  const dataLength = offset;

  const json = new TextEncoder().encode(`{${parts.join(',')}}`);
  const headerLength = Math.ceil(json.length / 8) * 8;
  if (headerLength > MAX_HEADER_BYTES) {
    fail('header', `at most ${MAX_HEADER_BYTES} bytes of JSON`, `${headerLength} bytes for ${planned.length} tensors`);
  }
  if (planned.length > 0 && !HOST_IS_LITTLE_ENDIAN) {
    fail('host byte order', 'little-endian (safetensors data is little-endian)', 'big-endian');
  }

  const out = new Uint8Array(8 + headerLength + dataLength);
  new DataView(out.buffer).setBigUint64(0, BigInt(headerLength), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + headerLength);
  let pos = 8 + headerLength;
  for (const { data } of planned) {
    out.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), pos);
    pos += data.byteLength;
  }
  return out;
}
