import { WeightnormError } from '@weightnorm/core';

/** torch's `Invalid … value` checks, as typed errors naming the option and its range. */
export function checkHyper(op: string, name: string, value: unknown, ok: boolean, allowed: string): void {
  if (!ok) throw new WeightnormError({ op, argument: name, allowed, received: value });
}

export function isNonNegative(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x) && x >= 0;
}
