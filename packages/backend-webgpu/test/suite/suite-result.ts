/** One outcome of the shared webgpu suite, as the Node child or the browser page reports it. */
export interface SuiteCaseResult {
  /** `conformance: Op/variant/dtype`, `parity: fixture`, `gradient: case`, `grad parity: fixture` or `train parity: fixture optimizer`. */
  readonly name: string;
  readonly passed: boolean;
  readonly error?: string;
  /** Worst relative error against torch (grad and train parity), for the log. */
  readonly relError?: number;
  /** More to say in the log (a training run's step count). */
  readonly note?: string;
}

export interface SuiteReport {
  /** The backend's describe(): adapter, float16 storage, subgroups. */
  readonly device: string;
  readonly native: readonly string[];
  readonly composite: readonly string[];
  readonly missingRequired: readonly string[];
  readonly results: readonly SuiteCaseResult[];
  /** formatReport's table, for the log. */
  readonly table: string;
  readonly ms: number;
  /** Wall time of each part of the suite (conformance, parity, gradient, grad parity, train parity). */
  readonly phaseMs: Readonly<Record<string, number>>;
}
