import type { OpName } from '../backend/ops.js';
import type { DType } from '../dtype/dtype.js';
import { fromFloat16Bits, roundToFloat16 } from '../dtype/float16.js';
import type { Tensor } from '../ir/tensor.js';
import { tensor } from '../ops/create.js';
import { assertClose } from './assert-close.js';
import { nd, type NdArray } from './reference/nd-array.js';
import { createRandom, seedFrom, type Random } from './random.js';
import { toleranceFor, type Tolerance } from './tolerance.js';

/** A test input: the tensor, and its values exactly as the tensor holds them, for the reference. */
export interface CaseInput {
  readonly t: Tensor;
  readonly r: NdArray;
}

export interface ExpectOptions {
  /** Output dtype; the case's dtype by default. */
  dtype?: DType;
  tolerance?: Tolerance;
  /** Added to the case name in a failure message, when a case checks several tensors. */
  label?: string;
}

export interface CaseTools {
  readonly rng: Random;
  /** A tensor of `values` (the case dtype unless given), with the values as it stores them. */
  values(shape: readonly number[], values: ArrayLike<number>, dtype?: DType): CaseInput;
  /** Standard-normal values times `scale`. */
  randn(shape: readonly number[], opts?: { dtype?: DType; scale?: number }): CaseInput;
  /** Uniform values in [lo, hi). */
  uniform(shape: readonly number[], lo: number, hi: number, dtype?: DType): CaseInput;
  /** Uniform integers in [lo, hi], as int32 unless another dtype is given. */
  ints(shape: readonly number[], lo: number, hi: number, dtype?: DType): CaseInput;
  /** Evaluates `t` and compares it with `ref` rounded once to the output dtype. */
  expect(t: Tensor, ref: NdArray, opts?: ExpectOptions): Promise<void>;
}

/** How a value is stored in `dtype` (int32 results are exact integers in every case). */
export function storedValue(v: number, dtype: DType): number {
  switch (dtype) {
    case 'float32':
      return Math.fround(v);
    case 'float16':
      return roundToFloat16(v);
    case 'int32':
      return Math.trunc(v);
  }
}

/** The ops of every node `t` depends on. */
function graphOps(t: Tensor): Set<string> {
  const ops = new Set<string>();
  const seen = new Set<Tensor>();
  const stack = [t];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    ops.add(node.op);
    stack.push(...node.inputs);
  }
  return ops;
}

async function hostValues(t: Tensor): Promise<ArrayLike<number>> {
  const raw = await t.rawData();
  return t.dtype === 'float16' ? fromFloat16Bits(raw as Uint16Array) : raw;
}

export function createCaseTools(name: string, op: OpName, caseDType: DType): CaseTools {
  const rng = createRandom(seedFrom(name));
  const make = (shape: readonly number[], values: ArrayLike<number>, dtype: DType): CaseInput => {
    const t = tensor(Array.from(values), shape, { dtype });
    return { t, r: nd(shape, Array.from(values, (v) => storedValue(v, dtype))) };
  };
  const count = (shape: readonly number[]) => shape.reduce((n, d) => n * d, 1);
  return {
    rng,
    values: (shape, values, dtype = caseDType) => make(shape, values, dtype),
    randn: (shape, opts = {}) =>
      make(shape, Array.from({ length: count(shape) }, () => rng.normal() * (opts.scale ?? 1)), opts.dtype ?? caseDType),
    uniform: (shape, lo, hi, dtype = caseDType) =>
      make(shape, Array.from({ length: count(shape) }, () => lo + (hi - lo) * rng.uniform()), dtype),
    ints: (shape, lo, hi, dtype = 'int32') => make(shape, Array.from({ length: count(shape) }, () => rng.int(lo, hi)), dtype),
    async expect(t, ref, opts = {}) {
      const label = opts.label ? `${name} (${opts.label})` : name;
      const dtype = opts.dtype ?? caseDType;
      // Core builds these graphs; a wrong tag or shape here is a bug in the suite or core, not the backend.
      if (!graphOps(t).has(op)) throw new Error(`${label}: the graph has no ${op} node (ops: ${[...graphOps(t)].join(', ')})`);
      if (t.dtype !== dtype) throw new Error(`${label}: result dtype is ${t.dtype}, expected ${dtype}`);
      if (t.shape.length !== ref.shape.length || t.shape.some((d, i) => d !== ref.shape[i])) {
        throw new Error(`${label}: result shape is [${t.shape.join(', ')}], expected [${ref.shape.join(', ')}]`);
      }
      const got = await hostValues(t);
      const expected = ref.data.map((v) => storedValue(v, dtype));
      assertClose(label, got, expected, ref.shape, opts.tolerance ?? toleranceFor(dtype));
    },
  };
}
