import type { OpAttrs, OpName } from '../../backend/ops.js';
import { isBinaryOp, isUnaryOp } from '../../backend/ops.js';
import { fromFloat16Bits } from '../../dtype/float16.js';
import type { Tensor } from '../../ir/tensor.js';
import { convRef } from './conv.js';
import { convTransposeRef } from './conv-transpose.js';
import { convWeightGradRef } from './conv-weight-grad.js';
import { BINARY_REFERENCE, broadcastMap, UNARY_REFERENCE, unaryMap, whereRef } from './elementwise.js';
import { matmulRef } from './matmul.js';
import { concatRef, expandRef, padRef, permuteRef, reshapeRef, sliceRef } from './movement.js';
import { nd, type NdArray } from './nd-array.js';
import { maxRef, sumRef } from './reduce.js';
import { weightNormRef } from './weight-norm.js';
import { weightNormGradGRef, weightNormGradVRef } from './weight-norm-grad.js';

type Attrs<Op extends OpName> = OpAttrs<Op>;

function leafValues(t: Tensor): NdArray {
  if (!t.host) throw new Error(`evaluateReference: leaf ${t.toString()} has no host data`);
  const values = t.dtype === 'float16' ? fromFloat16Bits(t.host as Uint16Array) : t.host;
  return nd(t.shape, values);
}

function run(t: Tensor, xs: readonly NdArray[]): NdArray {
  const op = t.op as OpName;
  if (isUnaryOp(op)) return unaryMap(xs[0]!, UNARY_REFERENCE[op]);
  if (isBinaryOp(op)) return broadcastMap([xs[0]!, xs[1]!], BINARY_REFERENCE[op]);
  switch (op) {
    case 'Where':
      return whereRef(xs[0]!, xs[1]!, xs[2]!);
    case 'Cast':
      return (t.attrs as Attrs<'Cast'>).dtype === 'int32' ? unaryMap(xs[0]!, Math.trunc) : xs[0]!;
    case 'Sum':
      return sumRef(xs[0]!, (t.attrs as Attrs<'Sum'>).axes, true);
    case 'Max':
      return maxRef(xs[0]!, (t.attrs as Attrs<'Max'>).axes, true);
    case 'Reshape':
      return reshapeRef(xs[0]!, t.shape);
    case 'Permute':
      return permuteRef(xs[0]!, (t.attrs as Attrs<'Permute'>).perm);
    case 'Expand':
      return expandRef(xs[0]!, t.shape);
    case 'Slice': {
      const a = t.attrs as Attrs<'Slice'>;
      return sliceRef(xs[0]!, a.starts, a.steps, t.shape);
    }
    case 'Pad': {
      const a = t.attrs as Attrs<'Pad'>;
      return padRef(xs[0]!, a.pads, a.mode, a.value);
    }
    case 'Concat':
      return concatRef(xs, (t.attrs as Attrs<'Concat'>).axis);
    case 'MatMul':
      return matmulRef(xs[0]!, xs[1]!);
    case 'Conv':
      return convRef(xs[0]!, xs[1]!, xs[2] ?? null, t.attrs as Attrs<'Conv'>);
    case 'ConvTranspose':
      return convTransposeRef(xs[0]!, xs[1]!, xs[2] ?? null, t.attrs as Attrs<'ConvTranspose'>);
    case 'ConvWeightGrad':
      return convWeightGradRef(xs[0]!, xs[1]!, t.attrs as Attrs<'ConvWeightGrad'>);
    case 'WeightNorm': {
      const a = t.attrs as Attrs<'WeightNorm'>;
      return weightNormRef(xs[0]!, xs[1]!, a.axis, a.eps);
    }
    case 'WeightNormGradG': {
      const a = t.attrs as Attrs<'WeightNormGradG'>;
      return weightNormGradGRef(xs[0]!, xs[1]!, a.axis, a.eps);
    }
    case 'WeightNormGradV': {
      const a = t.attrs as Attrs<'WeightNormGradV'>;
      return weightNormGradVRef(xs[0]!, xs[1]!, xs[2]!, xs[3]!, a.axis, a.eps);
    }
    default:
      throw new Error(`evaluateReference: no reference for ${op}`);
  }
}

/**
 * Interprets a lazy graph in float64 with the reference loops, no backend involved: the exact
 * values a graph means (float16 and float32 rounding left out; int32 casts truncate). `values`
 * replaces leaves, so a caller can perturb inputs for finite differences.
 *
 * @example
 * const [y] = evaluateReference([x.mul(2)], new Map([[x, nd([2], [1, 2])]]));
 */
export function evaluateReference(targets: readonly Tensor[], values: ReadonlyMap<Tensor, NdArray> = new Map()): NdArray[] {
  const memo = new Map<Tensor, NdArray>(values);
  const stack: [Tensor, boolean][] = targets.map((t) => [t, false]);
  while (stack.length > 0) {
    const [node, expanded] = stack.pop()!;
    if (memo.has(node)) continue;
    if (node.op === 'Leaf') {
      memo.set(node, leafValues(node));
      continue;
    }
    if (!expanded) {
      stack.push([node, true]);
      for (const input of node.inputs) if (!memo.has(input)) stack.push([input, false]);
      continue;
    }
    const out = run(node, node.inputs.map((i) => memo.get(i)!));
    memo.set(node, nd(node.shape, out.data));
  }
  return targets.map((t) => memo.get(t)!);
}
