import type { OpName } from '../backend/ops.js';
import type { DType } from '../dtype/dtype.js';
import { createCaseTools, type CaseTools } from './case-tools.js';

/**
 * One conformance check: builds tensors with the public API, evaluates them on whichever backend
 * is selected, and throws an Error naming the case, the worst index, got vs expected and the
 * tolerance when the results differ.
 *
 * @example
 * for (const c of conformanceCases()) it(c.name, () => c.run());
 */
export interface ConformanceCase {
  /** `Op/variant/dtype`, e.g. `Conv/2d-groups2-stride2-dilation2/float32`. */
  name: string;
  /** The op under test; the case's graph contains a node of this op. */
  op: OpName;
  /** The dtype the op computes in. */
  dtype: DType;
  run(): Promise<void>;
}

/** A case named `op/variant/dtype` whose body gets a generator seeded from that name. */
export function defineCase(
  op: OpName,
  variant: string,
  dtype: DType,
  body: (tools: CaseTools) => Promise<void>,
): ConformanceCase {
  const name = `${op}/${variant}/${dtype}`;
  const run = async (): Promise<void> => {
    try {
      await body(createCaseTools(name, op, dtype));
    } catch (e) {
      // Errors from core or the backend (a missing kernel, a kernel that throws) get the case's name.
      if (e instanceof Error && e.message.startsWith(name)) throw e;
      throw new Error(`${name}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
  };
  return { name, op, dtype, run };
}
