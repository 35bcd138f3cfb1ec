import { writeFile } from 'node:fs/promises';
import { CheckpointError } from '@weightnorm/core';

/** Writes the output file; an unwritable path is a CheckpointError on `path` (exit 3). */
export async function writeOutputFile(path: string, bytes: Uint8Array): Promise<void> {
  try {
    await writeFile(path, bytes);
  } catch (e) {
    throw new CheckpointError(
      { op: 'weightnorm', argument: 'path', allowed: 'a writable path', received: path },
      `weightnorm: cannot write ${JSON.stringify(path)}: ${(e as Error).message}`,
    );
  }
}
