import { CheckpointError } from '@weightnorm/core';

/** The op every `.pt` reading error names, so users see which loader rejected their file. */
export const PT_OP = 'readTorchCheckpoint';

/** Throws a CheckpointError for `readTorchCheckpoint` in the house form (argument, allowed, received). */
export function ptFail(argument: string, allowed: string, received: unknown): never {
  throw new CheckpointError({ op: PT_OP, argument, allowed, received });
}
