import type { OpName } from '../backend/ops.js';
import type { DType, HostArray } from '../dtype/dtype.js';
import { fromFloat16Bits } from '../dtype/float16.js';
import { sizeOf, type Shape } from '../shape/shape.js';
import * as ops from '../ops/tensor-methods.js';
import { DataRef, storageFinalizer } from './data-ref.js';
import { evaluateAndRead } from './evaluate.js';

let nextId = 0;

/**
 * A lazy tensor: a node of the graph (op, inputs, attrs, shape, dtype). Nothing runs until
 * `await t.data()` (or `evaluate(...)`), which computes it on the active backend.
 *
 * @example
 * const x = tensor([1, 2, 3, 4], [2, 2]);
 * const y = x.mul(2).add(1).sum();
 * console.log(await y.data()); // Float32Array [24]
 */
export class Tensor {
  /** Unique, increasing: a node is always newer than its inputs. */
  readonly id = nextId++;
  /** Bumped when a leaf's data is replaced in place, so caches keyed on a tensor notice. */
  version = 0;
  /** @internal Host data of a leaf (the source of truth for leaves). */
  host: HostArray | null;
  /** @internal Realized storage on some backend. */
  ref: DataRef | null = null;
  /** @internal Keep storage after the evaluation that computed it (targets, cached weights). */
  keep = false;

  /** @internal Build tensors with `tensor()` or tensor ops, not with `new`. */
  constructor(
    readonly op: OpName | 'Leaf',
    readonly inputs: readonly Tensor[],
    readonly attrs: Readonly<Record<string, unknown>>,
    readonly shape: Shape,
    readonly dtype: DType,
    host: HostArray | null = null,
  ) {
    this.host = host;
    if (op === 'Leaf') this.keep = true;
  }

  get ndim(): number {
    return this.shape.length;
  }
  get size(): number {
    return sizeOf(this.shape);
  }
  get isLeaf(): boolean {
    return this.op === 'Leaf';
  }

  /** Evaluates and returns the values as float32 (float16 widened exactly, int32 converted). */
  async data(): Promise<Float32Array> {
    const raw = await this.rawData();
    if (raw instanceof Float32Array) return raw;
    if (this.dtype === 'float16') return fromFloat16Bits(raw as Uint16Array);
    return Float32Array.from(raw);
  }

  /** Evaluates and returns storage-form data: Float32Array, Uint16Array of half bits, or Int32Array. */
  async rawData(): Promise<HostArray> {
    if (this.host && this.op === 'Leaf') return this.host.slice();
    return evaluateAndRead(this);
  }

  /** The single value of a one-element tensor. */
  async item(): Promise<number> {
    return (await this.data())[0]!;
  }

  /** @internal Attach realized storage; collected tensors give it back. */
  setRef(ref: DataRef | null): void {
    if (this.ref) {
      storageFinalizer.unregister(this);
      this.ref.release();
    }
    this.ref = ref;
    if (ref) storageFinalizer.register(this, ref, this);
  }

  /** Frees backend storage now instead of at garbage collection. A leaf can still be used after. */
  dispose(): void {
    this.setRef(null);
  }

  /**
   * Replaces a leaf's values in place (same shape and dtype) and bumps `version`, so anything
   * cached from it (a folded weight) is recomputed.
   */
  assign(values: Tensor | HostArray): Promise<void> {
    return ops.assign(this, values);
  }

  // Elementwise ---------------------------------------------------------------------------
  add(other: Tensor | number): Tensor { return ops.binary('Add', this, other); }
  sub(other: Tensor | number): Tensor { return ops.binary('Sub', this, other); }
  mul(other: Tensor | number): Tensor { return ops.binary('Mul', this, other); }
  div(other: Tensor | number): Tensor { return ops.div(this, other); }
  pow(other: Tensor | number): Tensor { return ops.pow(this, other); }
  maximum(other: Tensor | number): Tensor { return ops.binary('Maximum', this, other); }
  minimum(other: Tensor | number): Tensor { return ops.binary('Minimum', this, other); }
  gt(other: Tensor | number): Tensor { return ops.binary('Greater', this, other); }
  lt(other: Tensor | number): Tensor { return ops.binary('Less', this, other); }
  eq(other: Tensor | number): Tensor { return ops.binary('Equal', this, other); }
  neg(): Tensor { return ops.unary('Neg', this); }
  abs(): Tensor { return ops.unary('Abs', this); }
  sign(): Tensor { return ops.unary('Sign', this); }
  sqrt(): Tensor { return ops.floatUnary('Sqrt', this); }
  rsqrt(): Tensor { return ops.floatUnary('Sqrt', this).reciprocal(); }
  reciprocal(): Tensor { return ops.div(1, this); }
  square(): Tensor { return this.mul(this); }
  exp(): Tensor { return ops.floatUnary('Exp', this); }
  log(): Tensor { return ops.floatUnary('Log', this); }
  sin(): Tensor { return ops.floatUnary('Sin', this); }
  cos(): Tensor { return ops.floatUnary('Cos', this); }
  tanh(): Tensor { return ops.floatUnary('Tanh', this); }
  sigmoid(): Tensor { return ops.floatUnary('Sigmoid', this); }
  erf(): Tensor { return ops.floatUnary('Erf', this); }
  relu(): Tensor { return ops.binary('Maximum', this, 0); }
  cast(dtype: DType): Tensor { return ops.cast(this, dtype); }

  // Reductions ----------------------------------------------------------------------------
  sum(axes?: number | readonly number[], keepDims = false): Tensor { return ops.reduce('Sum', this, axes, keepDims); }
  max(axes?: number | readonly number[], keepDims = false): Tensor { return ops.reduce('Max', this, axes, keepDims); }
  mean(axes?: number | readonly number[], keepDims = false): Tensor { return ops.mean(this, axes, keepDims); }

  // Movement ------------------------------------------------------------------------------
  reshape(shape: readonly number[]): Tensor { return ops.reshape(this, shape); }
  flatten(): Tensor { return ops.reshape(this, [-1]); }
  permute(perm: readonly number[]): Tensor { return ops.permute(this, perm); }
  transpose(dim0 = -2, dim1 = -1): Tensor { return ops.transpose(this, dim0, dim1); }
  expand(shape: readonly number[]): Tensor { return ops.expand(this, shape); }
  unsqueeze(dim: number): Tensor { return ops.unsqueeze(this, dim); }
  squeeze(dim?: number): Tensor { return ops.squeeze(this, dim); }
  /** torch.narrow: `length` entries of `dim` from `start`. */
  narrow(dim: number, start: number, length: number): Tensor { return ops.narrow(this, dim, start, length); }
  flip(dims: readonly number[]): Tensor { return ops.flip(this, dims); }
  matmul(other: Tensor): Tensor { return ops.matmul(this, other); }

  toString(): string {
    return `Tensor(${this.op}, [${this.shape.join(', ')}], ${this.dtype})`;
  }
}
