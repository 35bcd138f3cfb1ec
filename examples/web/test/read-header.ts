import { readFileSync } from 'node:fs';

export type HeaderEntry = { dtype: string; shape: number[]; data_offsets: [number, number] };

/**
 * The JSON header of a safetensors file, read with nothing but Node, so the browser test's
 * expectations do not come from the code under test.
 */
export function readHeader(file: string | Uint8Array): Record<string, HeaderEntry> {
  const bytes = typeof file === 'string' ? readFileSync(file) : Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  const n = Number(bytes.readBigUInt64LE(0));
  const header = JSON.parse(bytes.subarray(8, 8 + n).toString('utf8')) as Record<string, HeaderEntry>;
  delete header.__metadata__;
  return header;
}
