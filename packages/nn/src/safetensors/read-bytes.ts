import { CheckpointError } from '@weightnorm/core';

/** Bytes from a path (Node only, loaded lazily so browsers never touch node:fs) or from memory. */
export async function readBytes(source: string | Uint8Array | ArrayBuffer, op: string): Promise<Uint8Array> {
  if (source instanceof Uint8Array) return source;
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  if (typeof source !== 'string') {
    throw new CheckpointError({ op, argument: 'source', allowed: 'a file path, Uint8Array or ArrayBuffer', received: source });
  }
  const { readFile } = await import('node:fs/promises');
  try {
    return new Uint8Array(await readFile(source));
  } catch (e) {
    throw new CheckpointError(
      { op, argument: 'path', allowed: 'a readable file', received: source },
      `${op}: cannot read ${JSON.stringify(source)}: ${(e as Error).message}`,
    );
  }
}
