import type { BenchCase } from './bench-case.js';

/** A group of cases the table shows together; `quick` shrinks every shape for the CI check. */
export interface Workload {
  readonly id: string;
  readonly title: string;
  cases(quick: boolean): BenchCase[];
}
