import type { BenchCase } from '../workloads/bench-case.js';

/** A case prepared on one contender: inputs uploaded, graphs or sessions built. */
export interface PreparedCase {
  /**
   * One call, ending when the result is usable: computed into the library's own memory on a CPU
   * (where the next op reads it; copying it into a fresh JS array is left to check), read back to
   * the host from a GPU.
   */
  run(): Promise<Float32Array>;
  /** Puts `run`'s result into PyTorch's layout for the correctness check (identity for most). */
  toTorchLayout?(out: Float32Array): Float32Array;
  /** The output to check, where `run` does not return it (CPU contenders that time the compute alone, a GPU copy probe). */
  check?(): Promise<Float32Array>;
  /**
   * The first call's time when the contender measured it itself: prepare already made the call
   * (check then returns its result), or the call ran outside this process (see timedRun).
   */
  readonly firstCallMs?: number | undefined;
  /**
   * One call that runs outside this process (ort-web-webgpu: in a browser page), timed where it
   * runs; resolves to its ms. The worker uses this number for a timed call instead of its own clock
   * around run(), which would add the round trip to the page and moving the output back (run() still
   * does both, for the correctness check).
   */
  timedRun?(): Promise<number>;
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
  /** Ends what start launched outside this process (a browser), when the coordinator closes the worker. */
  stop?(): Promise<void>;
}
