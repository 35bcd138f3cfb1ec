import type { OpAttrs, PadMode } from '../../backend/ops.js';
import type { Tensor } from '../../ir/tensor.js';
import { flip, narrow, pad, permute, reshape, unsqueeze } from '../../ops/movement.js';
import { sumToShape } from '../sum-to-shape.js';
import type { VjpRule } from '../vjp-rule.js';
import { zerosLike } from '../zeros-like.js';

export const reshapeVjp: VjpRule = (n, c) => [reshape(c, n.inputs[0]!.shape)];

export const permuteVjp: VjpRule = (n, c) => {
  const { perm } = n.attrs as OpAttrs<'Permute'>;
  const inverse = perm.map((_, i) => perm.indexOf(i));
  return [permute(c, inverse)];
};

export const expandVjp: VjpRule = (n, c) => [sumToShape(c, n.inputs[0]!.shape)];

/** Places `len` entries `step` apart: step−1 zeros between neighbours (none after the last). */
function spread(x: Tensor, axis: number, step: number): Tensor {
  if (step === 1) return x;
  const len = x.shape[axis]!;
  const lifted = unsqueeze(x, axis + 1);
  const padded = pad(lifted, lifted.shape.map((_, i): [number, number] => (i === axis + 1 ? [0, step - 1] : [0, 0])));
  const merged = reshape(padded, [...x.shape.slice(0, axis), len * step, ...x.shape.slice(axis + 1)]);
  return narrow(merged, axis, 0, (len - 1) * step + 1);
}

/** A slice's cotangent scattered back into zeros: per axis, reverse a negative step, spread, pad. */
export const sliceVjp: VjpRule = (n, c) => {
  const x = n.inputs[0]!;
  if (c.size === 0) return [zerosLike(x)];
  const { starts, steps } = n.attrs as OpAttrs<'Slice'>;
  let g = c;
  x.shape.forEach((size, axis) => {
    const count = n.shape[axis]!;
    const step = steps[axis]!;
    const first = step > 0 ? starts[axis]! : starts[axis]! + (count - 1) * step;
    if (step < 0) g = flip(g, [axis]);
    g = spread(g, axis, Math.abs(step));
    const pads = g.shape.map((_, i): [number, number] => (i === axis ? [first, size - first - g.shape[axis]!] : [0, 0]));
    g = pad(g, pads);
  });
  return [g];
};

/**
 * One axis of a pad, backwards: the centre is the input's own cotangent, and each border adds
 * its cotangent to the input entries it copied (mirrored, repeated edge, or wrapped).
 */
function unpadAxis(c: Tensor, axis: number, before: number, after: number, size: number, mode: PadMode): Tensor {
  let g = narrow(c, axis, before, size);
  if (mode === 'constant') return g;
  const at = (t: Tensor, lo: number, hi: number) => pad(t, t.shape.map((_, i): [number, number] => (i === axis ? [lo, hi] : [0, 0])));
  if (before > 0) {
    const left = narrow(c, axis, 0, before);
    if (mode === 'reflect') g = g.add(at(flip(left, [axis]), 1, size - 1 - before));
    else if (mode === 'replicate') g = g.add(at(left.sum(axis, true), 0, size - 1));
    else g = g.add(at(left, size - before, 0));
  }
  if (after > 0) {
    const right = narrow(c, axis, before + size, after);
    if (mode === 'reflect') g = g.add(at(flip(right, [axis]), size - 1 - after, 1));
    else if (mode === 'replicate') g = g.add(at(right.sum(axis, true), size - 1, 0));
    else g = g.add(at(right, 0, size - after));
  }
  return g;
}

/** Padding every axis at once equals padding them one after another, so undo them last-first. */
export const padVjp: VjpRule = (n, c) => {
  const x = n.inputs[0]!;
  const { pads, mode } = n.attrs as OpAttrs<'Pad'>;
  let g = c;
  for (let axis = x.ndim - 1; axis >= 0; axis--) {
    const [before, after] = pads[axis]!;
    if (before > 0 || after > 0) g = unpadAxis(g, axis, before, after, x.shape[axis]!, mode);
  }
  return [g];
};

export const concatVjp: VjpRule = (n, c) => {
  const { axis } = n.attrs as OpAttrs<'Concat'>;
  let at = 0;
  return n.inputs.map((x) => {
    const part = narrow(c, axis, at, x.shape[axis]!);
    at += x.shape[axis]!;
    return part;
  });
};
