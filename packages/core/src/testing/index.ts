// @weightnorm/core/testing: the conformance suite every backend runs unchanged. It imports no test
// runner and no backend, so it runs under vitest in Node and inside a browser page alike.
export { conformanceCases } from './conformance-cases.js';
export { coveredOps } from './covered-ops.js';
export { useBackend } from './use-backend.js';
export { runConformance, type ConformanceReport, type ConformanceResult } from './run-conformance.js';
export { formatReport } from './format-report.js';
export type { ConformanceCase } from './conformance-case.js';
export { assertClose } from './assert-close.js';
export { TOLERANCES, toleranceFor, type Tolerance } from './tolerance.js';
export { checkGradients, type CheckGradientsOptions, type GradientCheck } from './check-gradients.js';
export { evaluateReference } from './reference/evaluate-reference.js';
export { nd, type NdArray } from './reference/nd-array.js';
export { gradientCases } from './cases/gradients.js';
