import { crc32 } from '../../src/checkpoint/crc32.js';

export interface BuiltZip {
  bytes: Uint8Array;
  /** Where each entry's local header starts, in entry order. */
  local: number[];
  /** Where each entry's central record starts, in entry order. */
  central: number[];
  centralStart: number;
  eocd: number;
}

/**
 * A STORED zip as torch writes it, with the offsets tests need to corrupt it by hand. With
 * `zip64`, every size and offset in the central records and the end record is 0xFFFF… and the real
 * values sit in zip64 extra fields and a zip64 end record (as large checkpoints have them).
 */
export function buildZip(entries: [name: string, data: Uint8Array][], { zip64 = false } = {}): BuiltZip {
  const enc = new TextEncoder();
  const parts: Uint8Array[] = [];
  const local: number[] = [];
  let at = 0;
  const meta = entries.map(([name, data]) => ({ name: enc.encode(name), data, crc: crc32(data) }));
  for (const m of meta) {
    const h = new Uint8Array(30 + m.name.length);
    const v = new DataView(h.buffer);
    v.setUint32(0, 0x04034b50, true);
    v.setUint16(4, 20, true);
    v.setUint32(14, m.crc, true);
    v.setUint32(18, m.data.length, true);
    v.setUint32(22, m.data.length, true);
    v.setUint16(26, m.name.length, true);
    h.set(m.name, 30);
    local.push(at);
    parts.push(h, m.data);
    at += h.length + m.data.length;
  }
  const centralStart = at;
  const central: number[] = [];
  meta.forEach((m, i) => {
    const extra = zip64 ? 4 + 24 : 0;
    const h = new Uint8Array(46 + m.name.length + extra);
    const v = new DataView(h.buffer);
    v.setUint32(0, 0x02014b50, true);
    v.setUint16(4, 45, true);
    v.setUint16(6, 45, true);
    v.setUint32(16, m.crc, true);
    v.setUint32(20, zip64 ? 0xffffffff : m.data.length, true);
    v.setUint32(24, zip64 ? 0xffffffff : m.data.length, true);
    v.setUint16(28, m.name.length, true);
    v.setUint16(30, extra, true);
    v.setUint32(42, zip64 ? 0xffffffff : local[i]!, true);
    h.set(m.name, 46);
    if (zip64) {
      const x = 46 + m.name.length;
      v.setUint16(x, 1, true);
      v.setUint16(x + 2, 24, true);
      v.setBigUint64(x + 4, BigInt(m.data.length), true);
      v.setBigUint64(x + 12, BigInt(m.data.length), true);
      v.setBigUint64(x + 20, BigInt(local[i]!), true);
    }
    central.push(at);
    parts.push(h);
    at += h.length;
  });
  if (zip64) {
    const r = new Uint8Array(56 + 20);
    const v = new DataView(r.buffer);
    v.setUint32(0, 0x06064b50, true);
    v.setBigUint64(4, 44n, true);
    v.setBigUint64(24, BigInt(meta.length), true);
    v.setBigUint64(32, BigInt(meta.length), true);
    v.setBigUint64(40, BigInt(at - centralStart), true);
    v.setBigUint64(48, BigInt(centralStart), true);
    v.setUint32(56, 0x07064b50, true);
    v.setBigUint64(64, BigInt(at), true);
    v.setUint32(72, 1, true);
    parts.push(r);
    at += r.length;
  }
  const e = new Uint8Array(22);
  const v = new DataView(e.buffer);
  v.setUint32(0, 0x06054b50, true);
  v.setUint16(8, zip64 ? 0xffff : meta.length, true);
  v.setUint16(10, zip64 ? 0xffff : meta.length, true);
  v.setUint32(12, zip64 ? 0xffffffff : at - centralStart, true);
  v.setUint32(16, zip64 ? 0xffffffff : centralStart, true);
  const eocd = at;
  parts.push(e);
  at += 22;
  const bytes = new Uint8Array(at);
  let p = 0;
  for (const part of parts) {
    bytes.set(part, p);
    p += part.length;
  }
  return { bytes, local, central, centralStart, eocd };
}
