/** The bench as a library (the CLI is dist/run.js): run it programmatically or render results. */
export { runBench, type BenchOptions, type ProgressEvent } from './harness/run-bench.js';
export type { BenchResults, CaseReport, CaseResult, ContenderReport } from './harness/results.js';
export { WORKLOADS } from './workloads/index.js';
export type { BenchCase } from './workloads/bench-case.js';
export { CONTENDERS } from './contenders/index.js';
export { markdownReport } from './report/markdown-report.js';
export { writeResults } from './report/write-results.js';
