import type { DType } from '../dtype/dtype.js';
import type { Shape } from '../shape/index.js';
import type { KernelTensor } from './kernel.js';
import type { OpName } from './ops.js';

/**
 * One op of an {@link ElementwiseChain}. `args` are the op's operands in its input order (a, b;
 * Where's cond, a, b; a unary op's x): an index ≥ 0 is `chain.inputs[index]`, and −(k + 1) is
 * the result of step k, an earlier step.
 */
export interface ChainStep {
  readonly op: OpName;
  readonly args: readonly number[];
  readonly attrs: Readonly<Record<string, unknown>>;
  /** The step's result: the chain's shape, in this dtype. */
  readonly dtype: DType;
}

/**
 * A chain of elementwise ops core found in a graph, for a backend to run in one pass instead of
 * one kernel per op: every step has the chain's shape, and every intermediate result has no other
 * consumer, so only the last step's result is ever needed. Inputs may broadcast to the shape.
 * Each step computes exactly what the op's own kernel would, so fusing never changes a value.
 */
export interface ElementwiseChain<S> {
  readonly shape: Shape;
  readonly inputs: readonly KernelTensor<S>[];
  /** In evaluation order; the last one's result is the chain's. */
  readonly steps: readonly ChainStep[];
}

/**
 * A backend's way to run elementwise chains (optional): the ops it can chain, and `run`, which
 * returns the last step's storage, or undefined to decline (core then runs each op's kernel, as
 * without it; so `run` may take only the chains it is fast at, say float32 in one memory).
 *
 * @example
 * const chains: ChainRunner<Float32Array> = { ops: new Set(['Add', 'Mul']), run: (chain) => undefined };
 */
export interface ChainRunner<S> {
  readonly ops: ReadonlySet<OpName>;
  run(chain: ElementwiseChain<S>): S | undefined;
}
