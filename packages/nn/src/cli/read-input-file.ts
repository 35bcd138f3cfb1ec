import { open } from 'node:fs/promises';
import { CheckpointError } from '@weightnorm/core';
import { ProgressBar, progressWanted } from './progress-bar.js';

const CHUNK = 8 * 1024 * 1024;

/** Reads a whole file in chunks, drawing a progress bar for large files; an unreadable path is a CheckpointError on `path`. */
export async function readInputFile(path: string, op: string, progress: boolean | undefined): Promise<Uint8Array> {
  try {
    const file = await open(path, 'r');
    try {
      const { size } = await file.stat();
      const bytes = new Uint8Array(size);
      const bar = new ProgressBar(`reading ${path}`, size, progressWanted(progress, size));
      let done = 0;
      while (done < size) {
        const { bytesRead } = await file.read(bytes, done, Math.min(CHUNK, size - done), done);
        if (bytesRead === 0) break; // the file shrank while we read it
        done += bytesRead;
        bar.update(done, `${(done / 1e6).toFixed(1)}/${(size / 1e6).toFixed(1)} MB`);
      }
      bar.finish();
      return done === size ? bytes : bytes.subarray(0, done);
    } finally {
      await file.close();
    }
  } catch (e) {
    throw new CheckpointError(
      { op, argument: 'path', allowed: 'a readable file', received: path },
      `${op}: cannot read ${JSON.stringify(path)}: ${(e as Error).message}`,
    );
  }
}
