import type { PadMode } from '../backend/ops.js';
import { normalizeDim } from '../axis/normalize-dim.js';
import { AxisError, ShapeError } from '../errors/index.js';
import { Tensor } from '../ir/tensor.js';
import { formatShape, sameShape } from '../shape/shape.js';

/**
 * Same data, new shape (a view: no copy). One entry may be -1, inferred from the others.
 *
 * @example
 * tensor([1, 2, 3, 4, 5, 6], [2, 3]).reshape([3, -1]); // shape [3, 2]
 */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  const inferred = shape.indexOf(-1);
  const known = shape.reduce((n, d, i) => (i === inferred ? n : n * d), 1);
  const valid =
    shape.every((d, i) => Number.isInteger(d) && (d >= 0 || (d === -1 && i === inferred))) &&
    shape.lastIndexOf(-1) === inferred &&
    (inferred === -1 ? known === x.size : known > 0 && x.size % known === 0);
  if (!valid) {
    throw new ShapeError({
      op: 'reshape',
      argument: 'shape',
      allowed: `non-negative sizes (one may be -1) whose product is ${x.size}, the size of ${formatShape(x.shape)}`,
      received: [...shape],
    });
  }
  const dims = shape.map((d, i) => (i === inferred ? x.size / known : d));
  if (sameShape(dims, x.shape)) return x;
  return new Tensor('Reshape', [x], { shape: dims }, dims, x.dtype);
}

/**
 * Reorders axes: output axis i is input axis `perm[i]` (negative axes allowed), as torch.permute.
 *
 * @example
 * const nlc = permute(x, [0, 2, 1]); // [N, C, L] → [N, L, C]
 */
export function permute(x: Tensor, perm: readonly number[]): Tensor {
  const norm = perm.map((d) => normalizeDim(d, x.ndim, { op: 'permute', argument: 'perm' }));
  if (norm.length !== x.ndim || new Set(norm).size !== norm.length) {
    throw new AxisError({
      op: 'permute',
      argument: 'perm',
      allowed: `a permutation of the ${x.ndim} axes`,
      received: [...perm],
    });
  }
  if (norm.every((d, i) => d === i)) return x;
  return new Tensor('Permute', [x], { perm: norm }, norm.map((d) => x.shape[d]!), x.dtype);
}

/**
 * Swaps two axes (torch.transpose).
 *
 * @example
 * const wt = transpose(w, 0, 1); // [out, in] → [in, out]
 */
export function transpose(x: Tensor, dim0: number, dim1: number): Tensor {
  const a = normalizeDim(dim0, x.ndim, { op: 'transpose', argument: 'dim0' });
  const b = normalizeDim(dim1, x.ndim, { op: 'transpose', argument: 'dim1' });
  const perm = x.shape.map((_, i) => (i === a ? b : i === b ? a : i));
  return permute(x, perm);
}

/**
 * torch.expand: size-1 axes repeat; -1 keeps a size; new leading axes may be added.
 *
 * @example
 * const rows = expand(tensor([1, 2, 3], [1, 3]), [4, 3]);
 */
export function expand(x: Tensor, shape: readonly number[]): Tensor {
  const lead = shape.length - x.ndim;
  const dims = shape.map((d, i) => (d === -1 && i >= lead ? x.shape[i - lead]! : d));
  const ok =
    lead >= 0 &&
    dims.every((d, i) => Number.isInteger(d) && d >= 0 && (i < lead || x.shape[i - lead] === d || x.shape[i - lead] === 1));
  if (!ok) {
    throw new ShapeError({
      op: 'expand',
      argument: 'shape',
      allowed: `a shape that ${formatShape(x.shape)} broadcasts to`,
      received: [...shape],
    });
  }
  const src = lead > 0 ? reshape(x, [...new Array<number>(lead).fill(1), ...x.shape]) : x;
  if (sameShape(dims, src.shape)) return src;
  return new Tensor('Expand', [src], { shape: dims }, dims, x.dtype);
}

/**
 * Inserts a size-1 axis at `dim`, in [-ndim-1, ndim] (torch.unsqueeze).
 *
 * @example
 * const batched = unsqueeze(mel, 0); // [80, 100] → [1, 80, 100]
 */
export function unsqueeze(x: Tensor, dim: number): Tensor {
  const d = normalizeDim(dim, x.ndim + 1, { op: 'unsqueeze' });
  return reshape(x, [...x.shape.slice(0, d), 1, ...x.shape.slice(d)]);
}

/**
 * Drops `dim` if it has size 1 (torch leaves other sizes alone), or every size-1 axis.
 *
 * @example
 * squeeze(zeros([1, 80, 1]), 0).shape; // [80, 1]
 */
export function squeeze(x: Tensor, dim?: number): Tensor {
  if (dim === undefined) return reshape(x, x.shape.filter((d) => d !== 1));
  const d = normalizeDim(dim, x.ndim, { op: 'squeeze' });
  return x.shape[d] === 1 ? reshape(x, x.shape.filter((_, i) => i !== d)) : x;
}

/** @internal Builds a Slice node; callers have checked bounds. */
export function sliceRaw(x: Tensor, starts: readonly number[], steps: readonly number[], shape: readonly number[]): Tensor {
  if (sameShape(shape, x.shape) && steps.every((s) => s === 1)) return x;
  return new Tensor('Slice', [x], { starts: [...starts], steps: [...steps] }, [...shape], x.dtype);
}

/**
 * torch.narrow: `length` entries of `dim` starting at `start` (negative start counts from the end).
 *
 * @example
 * const head = narrow(x, -1, 0, 16); // the first 16 steps
 */
export function narrow(x: Tensor, dim: number, start: number, length: number): Tensor {
  const d = normalizeDim(dim, x.ndim, { op: 'narrow' });
  const size = x.shape[d]!;
  const s = start < 0 ? start + size : start;
  if (!Number.isInteger(s) || !Number.isInteger(length) || s < 0 || length < 0 || s + length > size) {
    throw new ShapeError({
      op: 'narrow',
      argument: 'start, length',
      allowed: `a range inside [0, ${size}) of axis ${d}`,
      received: [start, length],
    });
  }
  const starts = x.shape.map((_, i) => (i === d ? s : 0));
  return sliceRaw(x, starts, x.shape.map(() => 1), x.shape.map((n, i) => (i === d ? length : n)));
}

/**
 * Reverses the order along each of `dims`.
 *
 * @example
 * const reversed = flip(x, [-1]);
 */
export function flip(x: Tensor, dims: readonly number[]): Tensor {
  const axes = dims.map((d) => normalizeDim(d, x.ndim, { op: 'flip', argument: 'dims' }));
  const starts = x.shape.map((n, i) => (axes.includes(i) ? Math.max(n - 1, 0) : 0));
  const steps = x.shape.map((_, i) => (axes.includes(i) ? -1 : 1));
  return new Tensor('Slice', [x], { starts, steps }, x.shape, x.dtype);
}

/**
 * Options of `pad`: the mode (torch's F.pad modes; 'constant' by default) and the constant fill value (0).
 *
 * @example
 * const y = pad(x, [[0, 0], [0, 0], [3, 3]], { mode: 'reflect' });
 */
export interface PadOptions {
  mode?: PadMode;
  value?: number;
}

/**
 * Pads with one [before, after] pair per axis, from the first axis (torch's F.pad lists pairs
 * from the last axis backwards; `padTorch` takes that order).
 *
 * @example
 * const y = pad(x, [[0, 0], [0, 0], [3, 3]], { mode: 'reflect' });
 */
export function pad(x: Tensor, pads: readonly (readonly [number, number])[], opts: PadOptions = {}): Tensor {
  const mode = opts.mode ?? 'constant';
  const value = opts.value ?? 0;
  if (!['constant', 'reflect', 'replicate', 'circular'].includes(mode)) {
    throw new ShapeError({ op: 'pad', argument: 'mode', allowed: "'constant', 'reflect', 'replicate' or 'circular'", received: mode });
  }
  if (pads.length !== x.ndim || !pads.every((p) => p.length === 2 && p.every((n) => Number.isInteger(n) && n >= 0))) {
    throw new ShapeError({
      op: 'pad',
      argument: 'pads',
      allowed: `${x.ndim} pairs [before, after] of non-negative integers`,
      received: pads.map((p) => `[${p.join(', ')}]`),
    });
  }
  pads.forEach(([b, a], axis) => {
    const n = x.shape[axis]!;
    const limit = mode === 'reflect' ? n - 1 : mode === 'circular' ? n : mode === 'replicate' && n === 0 ? 0 : Infinity;
    if ((b > 0 || a > 0) && (b > limit || a > limit)) {
      throw new ShapeError({
        op: 'pad',
        argument: 'pads',
        allowed: `${mode} padding of at most ${limit} on axis ${axis} of size ${n}`,
        received: [b, a],
      });
    }
  });
  if (pads.every(([b, a]) => b === 0 && a === 0)) return x;
  const shape = x.shape.map((n, i) => n + pads[i]![0] + pads[i]![1]);
  return new Tensor('Pad', [x], { pads: pads.map((p) => [p[0], p[1]]), mode, value }, shape, x.dtype);
}

/**
 * F.pad's argument order: (last_before, last_after, prev_before, prev_after, …).
 *
 * @example
 * const y = padTorch(x, [3, 3], { mode: 'reflect' }); // F.pad(x, (3, 3), mode='reflect')
 */
export function padTorch(x: Tensor, flat: readonly number[], opts: PadOptions = {}): Tensor {
  if (flat.length % 2 !== 0 || flat.length / 2 > x.ndim) {
    throw new ShapeError({ op: 'pad', argument: 'pad', allowed: `an even count up to ${2 * x.ndim}`, received: [...flat] });
  }
  const pairs: [number, number][] = x.shape.map(() => [0, 0]);
  for (let i = 0; i < flat.length / 2; i++) pairs[x.ndim - 1 - i] = [flat[2 * i]!, flat[2 * i + 1]!];
  return pad(x, pairs, opts);
}

/**
 * Joins tensors along `axis`; every other axis must match. Dtypes must match too.
 *
 * @example
 * const y = concat([a, b], 1); // [N, Ca + Cb, L]
 */
export function concat(xs: readonly Tensor[], axis = 0): Tensor {
  if (xs.length === 0) throw new ShapeError({ op: 'concat', argument: 'xs', allowed: 'at least one tensor', received: [] });
  const first = xs[0]!;
  const a = normalizeDim(axis, first.ndim, { op: 'concat', argument: 'axis' });
  xs.forEach((t, i) => {
    if (t.ndim !== first.ndim || t.dtype !== first.dtype || t.shape.some((d, j) => j !== a && d !== first.shape[j])) {
      throw new ShapeError({
        op: 'concat',
        argument: `xs[${i}]`,
        allowed: `shape ${formatShape(first.shape.map((d, j) => (j === a ? -1 : d)))} with dtype ${first.dtype} (-1: any)`,
        received: `${formatShape(t.shape)} ${t.dtype}`,
      });
    }
  });
  if (xs.length === 1) return first;
  const shape = first.shape.map((d, j) => (j === a ? xs.reduce((n, t) => n + t.shape[a]!, 0) : d));
  return new Tensor('Concat', xs, { axis: a }, shape, first.dtype);
}
