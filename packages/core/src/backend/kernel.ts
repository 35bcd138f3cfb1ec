import type { DType } from '../dtype/dtype.js';
import type { Shape } from '../shape/shape.js';
import type { OpAttrs, OpInputs, OpName } from './ops.js';

/**
 * A tensor as a kernel sees it: the backend's storage plus the facts core already checked.
 *
 * @example
 * const run: KernelRun<'Neg', Float32Array, {}> = (_ctx, { x }: { x: KernelTensor<Float32Array> }) => x.storage.map((v) => -v);
 */
export interface KernelTensor<S> {
  readonly storage: S;
  readonly shape: Shape;
  readonly dtype: DType;
}

/**
 * What the kernel must produce.
 *
 * @example
 * const size = out.shape.reduce((a, b) => a * b, 1); // allocate `size` elements of out.dtype
 */
export interface KernelOutput {
  readonly shape: Shape;
  readonly dtype: DType;
}

/**
 * A kernel runs one op. It returns the output storage, or a promise of it for backends whose work
 * is asynchronous (worker pools). GPU backends return a storage whose work is merely encoded;
 * core calls `flush` once per evaluation.
 *
 * @example
 * const neg: KernelRun<'Neg', Float32Array, {}> = (_ctx, { x }) => x.storage.map((v) => -v);
 */
export type KernelRun<Op extends OpName, S, Ctx> = (
  ctx: Ctx,
  inputs: OpInputs<Op, KernelTensor<S>>,
  attrs: OpAttrs<Op>,
  out: KernelOutput,
) => S | Promise<S>;

/**
 * One backend's implementation of one op, as `defineKernel` returns it.
 *
 * @example
 * const kernels: Kernel<any, Float32Array, {}>[] = [add, mul];
 */
export interface Kernel<Op extends OpName = OpName, S = unknown, Ctx = unknown> {
  readonly op: Op;
  readonly run: KernelRun<Op, S, Ctx>;
}

/**
 * Declares a backend's kernel for one op, typed by the op's signature.
 *
 * @example
 * export const add = defineKernel<'Add', CpuStorage, CpuContext>('Add', (ctx, { a, b }, _attrs, out) => …);
 */
export function defineKernel<Op extends OpName, S = unknown, Ctx = unknown>(
  op: Op,
  run: KernelRun<Op, S, Ctx>,
): Kernel<Op, S, Ctx> {
  return { op, run };
}
