import { crc32 } from './crc32.js';
import { ptFail } from './checkpoint-fail.js';

/** One stored member of a zip archive: its name and a reader that checks the CRC on first use. */
export interface ZipEntry {
  readonly name: string;
  readonly size: number;
  /** The entry's bytes (a view into the archive, not a copy), after checking its CRC-32. */
  read(): Uint8Array;
}

const EOCD_SIG = 0x06054b50;
const ZIP64_LOCATOR_SIG = 0x07064b50;
const ZIP64_EOCD_SIG = 0x06064b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;
const EOCD_SIZE = 22;
const CENTRAL_SIZE = 46;
const LOCAL_SIZE = 30;

/** Names for the compression methods a zip may claim, so the error says what was found. */
const METHOD_NAMES: ReadonlyMap<number, string> = new Map([
  [1, 'shrink'], [6, 'implode'], [8, 'deflate'], [9, 'deflate64'], [12, 'bzip2'], [14, 'LZMA'],
  [93, 'zstd'], [95, 'xz'], [98, 'PPMd'], [99, 'AES-encrypted'],
]);

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Reads a little-endian u64 as a number, or fails when it is not a safe integer. */
function u64(view: DataView, at: number, what: string): number {
  const v = view.getBigUint64(at, true);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) ptFail(what, `at most ${Number.MAX_SAFE_INTEGER}`, v);
  return Number(v);
}

function inFile(begin: number, length: number, fileLength: number): boolean {
  return begin >= 0 && length >= 0 && begin + length <= fileLength;
}

/** Finds the end-of-central-directory record: the last one whose comment runs exactly to the end. */
function findEocd(bytes: Uint8Array, view: DataView): number {
  const last = bytes.length - EOCD_SIZE;
  const first = Math.max(0, last - 0xffff);
  for (let at = last; at >= first; at--) {
    if (view.getUint32(at, true) === EOCD_SIG && at + EOCD_SIZE + view.getUint16(at + 20, true) === bytes.length) return at;
  }
  ptFail('zip end of central directory', 'a record within the last 65557 bytes of the file', 'none found (truncated or not a zip file)');
}

interface Directory {
  count: number;
  offset: number;
  size: number;
  /** Where the central directory must end: the zip64 record or the end record after it. */
  limit: number;
}

/** The central directory's place, from the end record or, when that says 0xFFFF…, its zip64 form. */
function readDirectory(bytes: Uint8Array, view: DataView): Directory {
  const eocd = findEocd(bytes, view);
  const disk = view.getUint16(eocd + 4, true);
  const cdDisk = view.getUint16(eocd + 6, true);
  let count = view.getUint16(eocd + 10, true);
  const onDisk = view.getUint16(eocd + 8, true);
  let size = view.getUint32(eocd + 12, true);
  let offset = view.getUint32(eocd + 16, true);
  let limit = eocd;
  if (count === 0xffff || onDisk === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    const loc = eocd - 20;
    if (loc < 0 || view.getUint32(loc, true) !== ZIP64_LOCATOR_SIG) {
      ptFail('zip64 end of central directory locator', 'present when the end record holds 0xFFFF… markers', 'missing');
    }
    const at = u64(view, loc + 8, 'zip64 end of central directory offset');
    if (!inFile(at, 56, loc) || view.getUint32(at, true) !== ZIP64_EOCD_SIG) {
      ptFail('zip64 end of central directory offset', `a zip64 record within the first ${loc} bytes`, at);
    }
    if (view.getUint32(at + 16, true) !== 0 || view.getUint32(at + 20, true) !== 0) {
      ptFail('zip disk number', '0 (single-file archives only)', view.getUint32(at + 16, true));
    }
    count = u64(view, at + 32, 'zip64 entry count');
    size = u64(view, at + 40, 'zip64 central directory size');
    offset = u64(view, at + 48, 'zip64 central directory offset');
    limit = at;
  } else if (disk !== 0 || cdDisk !== 0 || onDisk !== count) {
    ptFail('zip disk number', '0 (single-file archives only)', disk || cdDisk);
  }
  if (!inFile(offset, size, limit)) {
    ptFail('zip central directory', `a range within the first ${limit} bytes of the file`, [offset, offset + size]);
  }
  // Each central record is at least 46 bytes, so a larger count cannot be honest.
  if (count > Math.floor(size / CENTRAL_SIZE)) {
    ptFail('zip entry count', `at most ${Math.floor(size / CENTRAL_SIZE)} for a ${size}-byte central directory`, count);
  }
  return { count, offset, size, limit };
}

/** Values a central record marks 0xFFFFFFFF are in its zip64 extra field (id 1), in this order. */
function applyZip64Extra(
  view: DataView,
  extraStart: number,
  extraEnd: number,
  fields: { usize: number; csize: number; local: number },
  name: string,
): void {
  const wanted = (['usize', 'csize', 'local'] as const).filter((k) => fields[k] === 0xffffffff);
  if (wanted.length === 0) return;
  for (let at = extraStart; at + 4 <= extraEnd; ) {
    const id = view.getUint16(at, true);
    const len = view.getUint16(at + 2, true);
    if (at + 4 + len > extraEnd) break;
    if (id === 1) {
      if (len < 8 * wanted.length) break;
      wanted.forEach((k, i) => (fields[k] = u64(view, at + 4 + 8 * i, `zip entry ${JSON.stringify(name)} zip64 ${k}`)));
      return;
    }
    at += 4 + len;
  }
  ptFail(`zip entry ${JSON.stringify(name)} extra field`, 'a zip64 field holding the sizes marked 0xFFFFFFFF', 'none');
}

/**
 * Lists the members of a zip archive (as PyTorch writes it: STORED entries, optionally zip64)
 * without copying any data. Every offset and size is checked against the file before it is used:
 * the central directory, each local header, each entry's data (which must lie before the
 * central directory and not overlap another entry), names (UTF-8, unique). Compressed and
 * encrypted entries are rejected rather than inflated, so no entry can expand beyond the file.
 */
export function readZipEntries(bytes: Uint8Array): Map<string, ZipEntry> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < EOCD_SIZE) ptFail('file', `at least ${EOCD_SIZE} bytes (an empty zip)`, `${bytes.length} bytes`);
  const dir = readDirectory(bytes, view);
  const entries = new Map<string, ZipEntry>();
  const spans: { name: string; begin: number; end: number }[] = [];
  let at = dir.offset;
  const cdEnd = dir.offset + dir.size;
  for (let i = 0; i < dir.count; i++) {
    if (at + CENTRAL_SIZE > cdEnd || view.getUint32(at, true) !== CENTRAL_SIG) {
      ptFail(`zip central record ${i}`, `a central directory header within [${dir.offset}, ${cdEnd})`, at);
    }
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const crc = view.getUint32(at + 16, true);
    const fields = { csize: view.getUint32(at + 20, true), usize: view.getUint32(at + 24, true), local: view.getUint32(at + 42, true) };
    const nameLen = view.getUint16(at + 28, true);
    const extraLen = view.getUint16(at + 30, true);
    const commentLen = view.getUint16(at + 32, true);
    const next = at + CENTRAL_SIZE + nameLen + extraLen + commentLen;
    if (next > cdEnd) ptFail(`zip central record ${i}`, `name, extra and comment within the central directory (ends at ${cdEnd})`, next);
    const nameBytes = bytes.subarray(at + CENTRAL_SIZE, at + CENTRAL_SIZE + nameLen);
    let name: string;
    try {
      name = utf8.decode(nameBytes);
    } catch {
      ptFail(`zip central record ${i} name`, 'UTF-8 text', `${nameLen} bytes that are not UTF-8`);
    }
    const where = `zip entry ${JSON.stringify(name)}`;
    if (entries.has(name)) ptFail(where, 'a name used by one entry only', 'a second entry with this name');
    applyZip64Extra(view, at + CENTRAL_SIZE + nameLen, at + CENTRAL_SIZE + nameLen + extraLen, fields, name);
    if (flags & 1) ptFail(`${where} flags`, 'an unencrypted entry', 'the encryption bit set');
    if (method !== 0) {
      ptFail(`${where} compression method`, '0 (stored; torch.save never compresses)', `${method} (${METHOD_NAMES.get(method) ?? 'unknown'})`);
    }
    if (fields.csize !== fields.usize) {
      ptFail(`${where} size`, `a compressed size equal to the stored size ${fields.usize}`, fields.csize);
    }
    const local = fields.local;
    if (!inFile(local, LOCAL_SIZE, dir.offset) || view.getUint32(local, true) !== LOCAL_SIG) {
      ptFail(`${where} local header offset`, `a local file header before the central directory at ${dir.offset}`, local);
    }
    const localNameLen = view.getUint16(local + 26, true);
    const begin = local + LOCAL_SIZE + localNameLen + view.getUint16(local + 28, true);
    const localName = bytes.subarray(local + LOCAL_SIZE, Math.min(local + LOCAL_SIZE + localNameLen, bytes.length));
    if (localNameLen !== nameLen || !localName.every((b, j) => b === nameBytes[j])) {
      ptFail(`${where} local header`, 'the same name as its central record', 'a different name');
    }
    if (!inFile(begin, fields.usize, dir.offset)) {
      ptFail(`${where} data`, `${fields.usize} bytes ending before the central directory at ${dir.offset}`, [begin, begin + fields.usize]);
    }
    spans.push({ name, begin: local, end: begin + fields.usize });
    entries.set(name, makeEntry(name, bytes.subarray(begin, begin + fields.usize), crc));
    at = next;
  }
  // Overlapping entries are how zip bombs reuse bytes; an honest archive never has them.
  spans.sort((a, b) => a.begin - b.begin);
  for (let i = 1; i < spans.length; i++) {
    if (spans[i]!.begin < spans[i - 1]!.end) {
      ptFail(
        `zip entry ${JSON.stringify(spans[i]!.name)}`,
        `a header and data not overlapping entry ${JSON.stringify(spans[i - 1]!.name)} at [${spans[i - 1]!.begin}, ${spans[i - 1]!.end})`,
        [spans[i]!.begin, spans[i]!.end],
      );
    }
  }
  return entries;
}

function makeEntry(name: string, data: Uint8Array, crc: number): ZipEntry {
  let checked = false;
  return {
    name,
    size: data.length,
    read() {
      if (!checked) {
        const actual = crc32(data);
        if (actual !== crc) ptFail(`zip entry ${JSON.stringify(name)} CRC-32`, `0x${crc.toString(16).padStart(8, '0')} (as recorded)`, `0x${actual.toString(16).padStart(8, '0')}`);
        checked = true;
      }
      return data;
    },
  };
}
