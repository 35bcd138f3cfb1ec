import type { BenchCase } from '../workloads/bench-case.js';

/** A case prepared on one contender: inputs uploaded, graphs or sessions built. */
export interface PreparedCase {
  /** One call, ending when the result is usable on the host (GPU results read back). */
  run(): Promise<Float32Array>;
  /** Puts `run`'s result into PyTorch's layout for the correctness check (identity for most). */
  toTorchLayout?(out: Float32Array): Float32Array;
  /** The output to check, where `run` alone does not bring it to the host (a GPU copy probe). */
  check?(): Promise<Float32Array>;
  /** The first call's time when prepare already made it (check then returns its result). */
  readonly firstCallMs?: number;
  dispose(): void | Promise<void>;
}

export interface ContenderInfo {
  /** Library versions, e.g. '@tensorflow/tfjs 4.22.0'. */
  readonly version: string;
  /** Where it runs: threads, adapter. */
  readonly device: string;
}

/** One library × backend, living in its own worker process. */
export interface Contender {
  readonly name: string;
  /** Throws (or rejects) when the contender cannot run here; the message is the reason shown. */
  start(): Promise<ContenderInfo>;
  /** Throws UnsupportedCaseError when this contender cannot compute the case at all. */
  prepare(c: BenchCase, inputs: ReadonlyMap<string, Float32Array>): Promise<PreparedCase>;
}
