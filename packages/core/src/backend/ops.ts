import type { DType } from '../dtype/dtype.js';

/**
 * The whole op vocabulary, declared once and shared by every backend (tinygrad-style groups, so a
 * pass can ask "is this elementwise?" instead of listing ops).
 *
 * Contract for every kernel: core has already validated arguments, normalized axes, cast inputs to
 * the op's compute dtype and made binary inputs the same rank. Storage is dense and row-major.
 * float16 kernels accumulate in float32 (or wider) and round once on output.
 *
 * `UNARY_OPS` are the elementwise ops of one input.
 *
 * @example
 * UNARY_OPS.includes('Exp'); // true
 */
export const UNARY_OPS = ['Neg', 'Abs', 'Sign', 'Sqrt', 'Exp', 'Log', 'Sin', 'Cos', 'Tanh', 'Sigmoid', 'Erf'] as const;
/**
 * Elementwise ops of two same-rank inputs (core broadcasts before dispatch).
 *
 * @example
 * BINARY_OPS.includes('Mul'); // true
 */
export const BINARY_OPS = ['Add', 'Sub', 'Mul', 'Div', 'Pow', 'Maximum', 'Minimum', 'Greater', 'Less', 'Equal'] as const;
/**
 * Reductions over a list of axes (`attrs.axes`, `attrs.keepDims`).
 *
 * @example
 * for (const op of REDUCE_OPS) console.log(op); // 'Sum', 'Max'
 */
export const REDUCE_OPS = ['Sum', 'Max'] as const;
/**
 * Reshape is a view: core aliases the storage and never dispatches it.
 *
 * @example
 * VIEW_OPS.includes('Reshape'); // true: no backend kernel is ever asked for it
 */
export const VIEW_OPS = ['Reshape'] as const;
/**
 * Ops that move or copy elements without arithmetic (a backend must materialize their output).
 *
 * @example
 * MOVEMENT_OPS.includes('Permute'); // true
 */
export const MOVEMENT_OPS = ['Permute', 'Expand', 'Slice', 'Pad', 'Concat'] as const;
/**
 * The ops outside the elementwise, reduce, view and movement groups: selection, casts, matmul,
 * convolutions and their weight gradient, and the fused weight-norm kernels.
 *
 * @example
 * OTHER_OPS.includes('WeightNorm'); // true
 */
export const OTHER_OPS = [
  'Where',
  'Cast',
  'MatMul',
  'Conv',
  'ConvTranspose',
  'ConvWeightGrad',
  'WeightNorm',
  'WeightNormGradG',
  'WeightNormGradV',
] as const;

/** Name of an op in {@link UNARY_OPS}. */
export type UnaryOp = (typeof UNARY_OPS)[number];
/** Name of an op in {@link BINARY_OPS}. */
export type BinaryOp = (typeof BINARY_OPS)[number];
/** Name of an op in {@link REDUCE_OPS}. */
export type ReduceOp = (typeof REDUCE_OPS)[number];
/** Name of any op in the vocabulary: the key kernels are registered and looked up by. */
export type OpName =
  | UnaryOp
  | BinaryOp
  | ReduceOp
  | (typeof VIEW_OPS)[number]
  | (typeof MOVEMENT_OPS)[number]
  | (typeof OTHER_OPS)[number];

/**
 * Every op name, group by group.
 *
 * @example
 * console.log(`${ALL_OPS.length} ops`);
 */
export const ALL_OPS: readonly OpName[] = [
  ...UNARY_OPS,
  ...BINARY_OPS,
  ...REDUCE_OPS,
  ...VIEW_OPS,
  ...MOVEMENT_OPS,
  ...OTHER_OPS,
];

/**
 * Ops that core can build from other ops when a backend has no kernel for them.
 *
 * @example
 * // A backend may leave these out of its kernel list; core composes them instead.
 * COMPOSABLE_OPS.includes('WeightNorm'); // true
 */
export const COMPOSABLE_OPS = [
  'Sigmoid',
  'Conv',
  'ConvTranspose',
  'ConvWeightGrad',
  'WeightNorm',
  'WeightNormGradG',
  'WeightNormGradV',
] as const;
/** Name of an op in {@link COMPOSABLE_OPS}. */
export type ComposableOp = (typeof COMPOSABLE_OPS)[number];

/**
 * Ops every backend must implement natively (everything else has a composite or is a view).
 *
 * @example
 * REQUIRED_OPS.includes('MatMul'); // true
 * REQUIRED_OPS.includes('WeightNorm'); // false: composable
 */
export const REQUIRED_OPS: readonly OpName[] = ALL_OPS.filter(
  (op) => op !== 'Reshape' && !(COMPOSABLE_OPS as readonly string[]).includes(op),
);

/** How `Pad` fills the border, as in PyTorch's `F.pad` `mode`. */
export type PadMode = 'constant' | 'reflect' | 'replicate' | 'circular';

type In1<T> = { x: T };

/**
 * Inputs (by name) and attributes of each op. `T` is whatever a backend uses to hold a tensor.
 * Shapes in comments: N batch, C channels, S spatial axes, k kernel axes.
 */
export interface OpSignatures<T> {
  // unary: out has x's shape and dtype. Sign(NaN) is 0, as in torch.
  Neg: { inputs: In1<T>; attrs: {} };
  Abs: { inputs: In1<T>; attrs: {} };
  Sign: { inputs: In1<T>; attrs: {} };
  Sqrt: { inputs: In1<T>; attrs: {} };
  Exp: { inputs: In1<T>; attrs: {} };
  Log: { inputs: In1<T>; attrs: {} };
  Sin: { inputs: In1<T>; attrs: {} };
  Cos: { inputs: In1<T>; attrs: {} };
  Tanh: { inputs: In1<T>; attrs: {} };
  Sigmoid: { inputs: In1<T>; attrs: {} };
  Erf: { inputs: In1<T>; attrs: {} };
  // binary: a and b have out's rank and dtype; each axis equals out's or is 1 (broadcast).
  // Greater/Less/Equal write 1 or 0 in the input dtype.
  Add: { inputs: { a: T; b: T }; attrs: {} };
  Sub: { inputs: { a: T; b: T }; attrs: {} };
  Mul: { inputs: { a: T; b: T }; attrs: {} };
  Div: { inputs: { a: T; b: T }; attrs: {} };
  Pow: { inputs: { a: T; b: T }; attrs: {} };
  Maximum: { inputs: { a: T; b: T }; attrs: {} };
  Minimum: { inputs: { a: T; b: T }; attrs: {} };
  Greater: { inputs: { a: T; b: T }; attrs: {} };
  Less: { inputs: { a: T; b: T }; attrs: {} };
  Equal: { inputs: { a: T; b: T }; attrs: {} };
  /** out[i] = cond[i] != 0 ? a[i] : b[i]; all three broadcast like binary inputs; cond may be any dtype. */
  Where: { inputs: { cond: T; a: T; b: T }; attrs: {} };
  /** Converts to out.dtype (float→int truncates toward zero, as torch does). */
  Cast: { inputs: In1<T>; attrs: { dtype: DType } };
  /** Reduces `axes` (sorted, unique); out keeps them as size-1 axes. Max over an empty axis is -Infinity. */
  Sum: { inputs: In1<T>; attrs: { axes: readonly number[] } };
  Max: { inputs: In1<T>; attrs: { axes: readonly number[] } };
  Reshape: { inputs: In1<T>; attrs: { shape: readonly number[] } };
  /** out axis i is x axis perm[i]. */
  Permute: { inputs: In1<T>; attrs: { perm: readonly number[] } };
  /** Same rank; size-1 axes of x repeat to out's size. */
  Expand: { inputs: In1<T>; attrs: { shape: readonly number[] } };
  /** out[i…] = x[starts + i·steps] per axis; steps are non-zero (negative walks backwards); out.shape gives the counts. */
  Slice: { inputs: In1<T>; attrs: { starts: readonly number[]; steps: readonly number[] } };
  /**
   * pads[axis] = [before, after] ≥ 0. constant fills `value`; reflect mirrors without repeating the
   * edge (pad < size); replicate repeats the edge; circular wraps (pad ≤ size) — torch's F.pad modes.
   */
  Pad: { inputs: In1<T>; attrs: { pads: readonly (readonly [number, number])[]; mode: PadMode; value: number } };
  /** Joins xs along `axis`; all other axes equal. */
  Concat: { inputs: { xs: readonly T[] }; attrs: { axis: number } };
  /** a [B, M, K] · b [B, K, N] → [B, M, N]. */
  MatMul: { inputs: { a: T; b: T }; attrs: {} };
  /**
   * x [N, C, *S], w [O, C/groups, *k], b [O] optional → [N, O, *S'] with zero padding given per
   * spatial axis as [before, after] (asymmetric, so 'same' with an even kernel needs no extra op).
   */
  Conv: {
    inputs: { x: T; w: T; b?: T };
    attrs: {
      stride: readonly number[];
      padding: readonly (readonly [number, number])[];
      dilation: readonly number[];
      groups: number;
    };
  };
  /**
   * x [N, Cin, *S], w [Cin, O/groups, *k] (torch's transposed layout), b [O] optional →
   * [N, O, *S'] with S' = (S-1)·stride − 2·padding + dilation·(k−1) + outputPadding + 1.
   */
  ConvTranspose: {
    inputs: { x: T; w: T; b?: T };
    attrs: {
      stride: readonly number[];
      padding: readonly number[];
      outputPadding: readonly number[];
      dilation: readonly number[];
      groups: number;
    };
  };
  /**
   * The weight gradient of Conv (torch's conv weight backward): x [N, G·cg, *S], gy [N, G·og, *P]
   * → [G·og, cg, *kernel], in x's dtype, with
   *
   *   out[g·og+o, c, t] = Σ_n Σ_p gy[n, g·og+o, p] · x[n, g·cg+c, p·stride + t·dilation − padding[·][0]]
   *
   * p running over gy's positions; x positions outside [0, S) count as zero, so only the padding
   * before matters (the after side is carried for symmetry with Conv). ConvTranspose's weight
   * gradient is the same op with the roles of x and gy swapped.
   */
  ConvWeightGrad: {
    inputs: { x: T; gy: T };
    attrs: {
      kernel: readonly number[];
      stride: readonly number[];
      padding: readonly (readonly [number, number])[];
      dilation: readonly number[];
      groups: number;
    };
  };
  /**
   * w = v · (g / ‖v‖) with the L2 norm over every axis but `axis` (null: over the whole tensor, g 0-d).
   * g has v's rank with size 1 off `axis` (or shape [] when axis is null). With eps > 0 the norm is
   * sqrt(Σv² + eps); torch uses eps = 0, so a zero row gives NaN (0/0), and so must a kernel.
   */
  WeightNorm: { inputs: { v: T; g: T }; attrs: { axis: number | null; eps: number } };
  /**
   * The weight-norm backward, split in two because the IR is single-output: grad_g is a small
   * g-shaped reduction that grad_v needs as an input, so two nodes cost one extra read of v (for
   * ‖v‖) and keep every node a plain tensor — and each half keeps a vjp of its own for double
   * backward. Per kept index, with n = sqrt(Σv² + eps) and s = Σ gw·v over the normed axes:
   *
   * WeightNormGradG: gradG = s / n, shaped like g (v's rank, 1 off `axis`; [] when axis is null).
   */
  WeightNormGradG: { inputs: { v: T; gw: T }; attrs: { axis: number | null; eps: number } };
  /** WeightNormGradV: gradV = (g / n)·gw − (g·gg / n²)·v, shaped like v (gg is WeightNormGradG's output). */
  WeightNormGradV: { inputs: { v: T; g: T; gw: T; gg: T }; attrs: { axis: number | null; eps: number } };
}

/** The named inputs a kernel for `Op` receives, with `T` as the tensor/storage type. */
export type OpInputs<Op extends OpName, T> = OpSignatures<T>[Op]['inputs'];
/** The attributes a kernel for `Op` receives (already validated and normalized by core). */
export type OpAttrs<Op extends OpName> = OpSignatures<unknown>[Op]['attrs'];

/**
 * Input names in the order the IR stores them. `xs` is variadic; a `?` name is optional and last.
 *
 * @example
 * OP_INPUT_NAMES.Conv; // ['x', 'w', 'b?']: the bias is optional
 */
export const OP_INPUT_NAMES: { readonly [Op in OpName]: readonly string[] } = {
  ...(Object.fromEntries(UNARY_OPS.map((op) => [op, ['x']])) as unknown as Record<UnaryOp, readonly string[]>),
  ...(Object.fromEntries(BINARY_OPS.map((op) => [op, ['a', 'b']])) as unknown as Record<BinaryOp, readonly string[]>),
  Where: ['cond', 'a', 'b'],
  Cast: ['x'],
  Sum: ['x'],
  Max: ['x'],
  Reshape: ['x'],
  Permute: ['x'],
  Expand: ['x'],
  Slice: ['x'],
  Pad: ['x'],
  Concat: ['xs'],
  MatMul: ['a', 'b'],
  Conv: ['x', 'w', 'b?'],
  ConvTranspose: ['x', 'w', 'b?'],
  ConvWeightGrad: ['x', 'gy'],
  WeightNorm: ['v', 'g'],
  WeightNormGradG: ['v', 'gw'],
  WeightNormGradV: ['v', 'g', 'gw', 'gg'],
};

/**
 * Turns the IR's positional inputs into the named record a kernel receives.
 *
 * @example
 * nameInputs('WeightNorm', [vStorage, gStorage]); // { v: vStorage, g: gStorage }
 * nameInputs('Conv', [x, w]); // { x, w }: the optional bias is left out
 */
export function nameInputs<T>(op: OpName, inputs: readonly T[]): Record<string, T | readonly T[]> {
  const names = OP_INPUT_NAMES[op];
  if (names[0] === 'xs') return { xs: inputs };
  const named: Record<string, T> = {};
  names.forEach((n, i) => {
    const key = n.endsWith('?') ? n.slice(0, -1) : n;
    if (inputs[i] !== undefined) named[key] = inputs[i]!;
  });
  return named;
}

/**
 * Whether `op` names an op in {@link UNARY_OPS}; narrows its type.
 *
 * @example
 * isUnaryOp('Tanh'); // true
 * isUnaryOp('Add'); // false
 */
export function isUnaryOp(op: string): op is UnaryOp {
  return (UNARY_OPS as readonly string[]).includes(op);
}
/**
 * Whether `op` names an op in {@link BINARY_OPS}; narrows its type.
 *
 * @example
 * isBinaryOp('Pow'); // true
 */
export function isBinaryOp(op: string): op is BinaryOp {
  return (BINARY_OPS as readonly string[]).includes(op);
}
/**
 * Whether `op` is any op in the vocabulary; narrows its type (e.g. for a name read from a file).
 *
 * @example
 * isOpName('Conv'); // true
 * isOpName('Conv2d'); // false
 */
export function isOpName(op: string): op is OpName {
  return (ALL_OPS as readonly string[]).includes(op);
}
