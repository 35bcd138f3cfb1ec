import { ALL_OPS, COMPOSABLE_OPS, REQUIRED_OPS, type OpName } from '../backend/ops.js';
import type { Backend } from '../backend/backend.js';
import type { DType } from '../dtype/dtype.js';
import { conformanceCases } from './conformance-cases.js';
import { useBackend } from './use-backend.js';

/**
 * One conformance case's outcome: its name, op and dtype, and the error message when it failed.
 *
 * @example
 * const failed = report.results.filter((r: ConformanceResult) => !r.passed);
 */
export interface ConformanceResult {
  name: string;
  op: OpName;
  dtype: DType;
  passed: boolean;
  error?: string;
}

/**
 * What `runConformance` returns: which ops run natively, which as core composites, which required
 * kernels are missing, and every case's result.
 *
 * @example
 * const report = await runConformance(createMyBackend);
 * if (report.missingRequired.length > 0) console.log('missing:', report.missingRequired.join(', '));
 */
export interface ConformanceReport {
  backend: string;
  /** Ops with a kernel in the backend. */
  native: OpName[];
  /** Composable ops the backend lacks: core runs its composite. */
  composite: OpName[];
  /** Required ops with no kernel: their cases fail. */
  missingRequired: OpName[];
  results: ConformanceResult[];
  passed: number;
  failed: number;
}

/**
 * Creates the backend, selects it (it stays selected afterwards) and runs every conformance case,
 * collecting failures instead of stopping at the first.
 *
 * @example
 * const report = await runConformance(() => createCpuBackend());
 * console.log(formatReport(report));
 */
export async function runConformance(create: () => Backend | Promise<Backend>): Promise<ConformanceReport> {
  const backend = await create();
  await useBackend(backend);
  const has = (op: OpName) => backend.kernels.has(op);
  const results: ConformanceResult[] = [];
  for (const c of conformanceCases()) {
    try {
      await c.run();
      results.push({ name: c.name, op: c.op, dtype: c.dtype, passed: true });
    } catch (e) {
      results.push({ name: c.name, op: c.op, dtype: c.dtype, passed: false, error: e instanceof Error ? e.message : String(e) });
    }
  }
  const passed = results.filter((r) => r.passed).length;
  return {
    backend: backend.name,
    native: ALL_OPS.filter(has),
    composite: COMPOSABLE_OPS.filter((op) => !has(op)),
    missingRequired: REQUIRED_OPS.filter((op) => !has(op)),
    results,
    passed,
    failed: results.length - passed,
  };
}
