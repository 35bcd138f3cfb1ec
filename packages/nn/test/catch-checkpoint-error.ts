import { CheckpointError } from '@weightnorm/core';
import { expect } from 'vitest';

/** Runs `fn`, expecting a CheckpointError, and returns it for further assertions. */
export function catchCheckpointError(fn: () => unknown): CheckpointError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(CheckpointError);
    return e as CheckpointError;
  }
  throw new Error('expected a CheckpointError');
}
