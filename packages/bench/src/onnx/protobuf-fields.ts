/** One field of a protobuf message: its number, wire type and where its bytes are. */
export interface ProtoField {
  readonly field: number;
  readonly wire: number;
  /** The whole field, tag included. */
  readonly start: number;
  readonly end: number;
  /** The payload of a length-delimited field (wire type 2). */
  readonly dataStart: number;
}

/**
 * Splits a protobuf message into its top-level fields, just enough of the wire format (varint,
 * 64-bit, length-delimited, 32-bit) to rewrite an ONNX model without a protobuf library.
 */
export function protobufFields(buf: Uint8Array): ProtoField[] {
  const fields: ProtoField[] = [];
  let at = 0;
  const varint = (): number => {
    let value = 0;
    let scale = 1;
    for (;;) {
      if (at >= buf.length) throw new Error(`protobuf: truncated varint at byte ${at}`);
      const byte = buf[at++]!;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
    }
  };
  while (at < buf.length) {
    const start = at;
    const tag = varint();
    const wire = tag % 8;
    const field = Math.floor(tag / 8);
    let dataStart = at;
    if (wire === 0) varint();
    else if (wire === 1) at += 8;
    else if (wire === 5) at += 4;
    else if (wire === 2) {
      const n = varint();
      dataStart = at;
      at += n;
    } else throw new Error(`protobuf: unsupported wire type ${wire} at byte ${start}`);
    if (at > buf.length) throw new Error(`protobuf: field ${field} runs past the end (${at} > ${buf.length})`);
    fields.push({ field, wire, start, end: at, dataStart });
  }
  return fields;
}

export function encodeVarint(value: number): number[] {
  const out: number[] = [];
  let v = value;
  while (v >= 0x80) {
    out.push((v % 128) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}

/** A length-delimited field: tag, length, payload. */
export function lengthDelimited(field: number, payload: Uint8Array): Uint8Array {
  const head = [...encodeVarint(field * 8 + 2), ...encodeVarint(payload.length)];
  const out = new Uint8Array(head.length + payload.length);
  out.set(head);
  out.set(payload, head.length);
  return out;
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
