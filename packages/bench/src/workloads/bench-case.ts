/** What a contender must compute; each kind has one meaning, shared by every contender. */
export type CaseKind = 'weight-norm' | 'conv1d' | 'conv-transpose1d' | 'train-step' | 'hifigan' | 'copy' | 'matmul';

/**
 * How an input is filled: N(0, 1); U(0.5, 1.5) for g (a norm is positive); U(0.1, 0.3) for the g
 * of a deep network (W5), so its residual sums stay in tanh's linear range and errors stay visible.
 */
export type InputFill = 'normal' | 'positive' | 'gain';

/** A HiFi-GAN generator config with the original config.json field names (W5). */
export interface HifiganShape {
  readonly resblock: '1';
  readonly upsample_rates: readonly number[];
  readonly upsample_kernel_sizes: readonly number[];
  readonly upsample_initial_channel: number;
  readonly resblock_kernel_sizes: readonly number[];
  readonly resblock_dilation_sizes: readonly (readonly number[])[];
  readonly num_mels: number;
}

export interface InputSpec {
  readonly name: string;
  readonly shape: readonly number[];
  readonly fill: InputFill;
}

/**
 * One measured computation: a workload at one shape and mode. Every contender gets the same
 * inputs (written once by the coordinator) and must produce `outputShape` in PyTorch's layout.
 */
export interface BenchCase {
  /** Unique and stable, used in file names and --only: 'w2-conv1d-d3-train'. */
  readonly id: string;
  /** 'W1' … 'W5', 'R' for the roofline probes. */
  readonly workload: string;
  /** What a reader sees in the table: 'conv1d d3 train'. */
  readonly label: string;
  readonly kind: CaseKind;
  /** train: w recomputed from g and v every call; cached: the folded w is an input. */
  readonly mode?: 'train' | 'cached';
  /** Kind-specific integers: dilation, padding, stride … */
  readonly attrs: Readonly<Record<string, number>>;
  /** W5: the generator's config; its parameters are inputs under their state-dict keys. */
  readonly hifigan?: HifiganShape;
  readonly inputs: readonly InputSpec[];
  readonly outputShape: readonly number[];
  /** Floating-point operations of one call (multiply-add = 2), for GFLOP/s and the roofline. */
  readonly flops: number;
  /** Minimal bytes one call must move (each input read once, the output written once). */
  readonly bytes: number;
  /** The rate the table shows for this case. */
  readonly metric: 'GFLOP/s' | 'GB/s';
  /** Allowed max |error| against ours-cpu, relative to max |reference|. */
  readonly tolerance: number;
}

export const sizeOfShape = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);
