import { AxisError } from '../errors/axis-error.js';
import { ShapeError } from '../errors/shape-error.js';
import type { LayoutStep } from './weight-layout.js';

const OP = 'applyLayoutSteps';

function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

function isShape(shape: readonly number[]): boolean {
  return shape.every((s) => Number.isInteger(s) && s >= 0);
}

function isPermutation(perm: readonly number[], rank: number): boolean {
  if (perm.length !== rank) return false;
  const seen = new Set(perm);
  return seen.size === rank && perm.every((p) => Number.isInteger(p) && p >= 0 && p < rank);
}

/** Row-major transpose: output axis i walks input axis perm[i]. */
function permute(src: Float32Array, shape: readonly number[], perm: readonly number[]): Float32Array {
  const rank = shape.length;
  const inStrides = new Array<number>(rank);
  for (let i = rank - 1, s = 1; i >= 0; i--) {
    inStrides[i] = s;
    s *= shape[i];
  }
  const outShape = perm.map((p) => shape[p]);
  const step = perm.map((p) => inStrides[p]);
  const out = new Float32Array(src.length);
  const idx = new Array<number>(rank).fill(0);
  let offset = 0;
  // Walk the output in row-major order with an odometer, moving the source offset by the
  // permuted strides, so each element is read once with no division or modulo per element.
  for (let k = 0; k < out.length; k++) {
    out[k] = src[offset];
    for (let a = rank - 1; a >= 0; a--) {
      idx[a]++;
      offset += step[a];
      if (idx[a] < outShape[a]) break;
      offset -= step[a] * outShape[a];
      idx[a] = 0;
    }
  }
  return out;
}

/**
 * Applies layout steps (from `toChannelsLastPlan` / `fromChannelsLastPlan`) to a row-major
 * host array. Pure: `data` is never modified and never returned, even when the steps are only
 * reshapes, so callers may mutate the result freely.
 *
 * Meant for tests and for backends that rearrange weights on the host before upload; it
 * moves values, never does arithmetic on them, so the result is bit-exact.
 *
 * @throws ShapeError if `data` does not hold `shape`'s element count, or a reshape changes it.
 * @throws AxisError if a permute is not a permutation of the current rank.
 *
 * @example
 * const out = applyLayoutSteps(Float32Array.of(0, 1, 2, 3, 4, 5), [2, 3], [{ kind: 'permute', perm: [1, 0] }]);
 * out.shape; // [3, 2]
 * out.data; // Float32Array [0, 3, 1, 4, 2, 5]
 */
export function applyLayoutSteps(
  data: Float32Array,
  shape: readonly number[],
  steps: LayoutStep[],
): { data: Float32Array; shape: number[] } {
  if (!isShape(shape)) {
    throw new ShapeError({ op: OP, argument: 'shape', allowed: 'a list of non-negative integers', received: shape });
  }
  if (data.length !== sizeOf(shape)) {
    throw new ShapeError({
      op: OP,
      argument: 'data',
      allowed: `an array of ${sizeOf(shape)} elements for shape [${shape.join(', ')}]`,
      received: `${data.length} elements`,
    });
  }
  let cur = data;
  let curShape = [...shape];
  for (const [i, step] of steps.entries()) {
    if (step.kind === 'reshape') {
      if (!isShape(step.shape) || sizeOf(step.shape) !== cur.length) {
        throw new ShapeError({
          op: OP,
          argument: `steps[${i}].shape`,
          allowed: `a shape of ${cur.length} elements (reshaping [${curShape.join(', ')}])`,
          received: step.shape,
        });
      }
      curShape = [...step.shape];
    } else if (step.kind === 'permute') {
      if (!isPermutation(step.perm, curShape.length)) {
        throw new AxisError({
          op: OP,
          argument: `steps[${i}].perm`,
          allowed: `a permutation of [0, ${curShape.length - 1}] for a ${curShape.length}-d array`,
          received: step.perm,
        });
      }
      cur = permute(cur, curShape, step.perm);
      curShape = step.perm.map((p) => curShape[p]);
    } else {
      throw new ShapeError({
        op: OP,
        argument: `steps[${i}].kind`,
        allowed: "'reshape' or 'permute'",
        received: (step as { kind: unknown }).kind,
      });
    }
  }
  return { data: cur === data ? data.slice() : cur, shape: curShape };
}
