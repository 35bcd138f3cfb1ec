import { CheckpointError } from '@weightnorm/core';
import { expect } from 'vitest';
import type { SafetensorsEntry } from '../../src/safetensors/safetensors-entry.js';

/** Per-case wall-clock bound. Generous for a loaded 2-core CI box; a hang or a quadratic blow-up is far beyond it. */
export const CASE_MS = 2000;

/** Cases tried in this test file (each file prints its own count). */
export const counter = { cases: 0, rejected: 0, accepted: 0 };

/**
 * Runs one fuzz case: it must either return tensors no larger than twice the file (BF16 widens to
 * float32; nothing else grows) or throw a CheckpointError — any other exception fails — and it
 * must finish within CASE_MS. Returns the error, if any, so hand-made cases can check the message.
 */
export function fuzzCase(bytes: Uint8Array, parse: (b: Uint8Array) => { tensors: Map<string, SafetensorsEntry> }): CheckpointError | null {
  counter.cases++;
  const start = performance.now();
  let error: CheckpointError | null = null;
  try {
    const { tensors } = parse(bytes);
    for (const [name, e] of tensors) {
      expect(e.data.byteLength, `tensor ${name} of a ${bytes.length}-byte file`).toBeLessThanOrEqual(2 * bytes.length);
      expect(e.data.length, `tensor ${name} element count`).toBe(e.shape.reduce((a, d) => a * d, 1));
    }
    counter.accepted++;
  } catch (e) {
    if (!(e instanceof CheckpointError)) {
      throw new Error(`expected a CheckpointError, got ${(e as Error)?.name}: ${(e as Error)?.message}`, { cause: e });
    }
    expect(e.message.length).toBeGreaterThan(0);
    counter.rejected++;
    error = e;
  }
  expect(performance.now() - start, 'case time (ms)').toBeLessThan(CASE_MS);
  return error;
}

/** Like fuzzCase, but the case must be rejected, with a message containing each of `texts`. */
export function expectRejected(bytes: Uint8Array, parse: (b: Uint8Array) => { tensors: Map<string, SafetensorsEntry> }, ...texts: string[]): CheckpointError {
  const err = fuzzCase(bytes, parse);
  expect(err, 'expected the file to be rejected').not.toBeNull();
  for (const t of texts) expect(err!.message).toContain(t);
  return err!;
}
