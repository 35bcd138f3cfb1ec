import { ALL_OPS, type OpName } from '../backend/ops.js';
import { conformanceCases } from './conformance-cases.js';

/**
 * The ops the cases exercise, in ALL_OPS order; a backend's test asserts this equals ALL_OPS.
 *
 * @example
 * expect(coveredOps()).toEqual([...ALL_OPS]);
 */
export function coveredOps(): OpName[] {
  const tested = new Set(conformanceCases().map((c) => c.op));
  return ALL_OPS.filter((op) => tested.has(op));
}
