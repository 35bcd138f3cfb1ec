import { DTypeError, ShapeError } from '../errors/index.js';
import type { Tensor } from '../ir/tensor.js';
import { cast } from '../ops/cast.js';
import { expand } from '../ops/movement.js';
import { scalar } from '../ops/create.js';
import { formatShape, sameShape } from '../shape/shape.js';
import { vjpOf } from './vjp-table.js';
import { zerosLike } from './zeros-like.js';

/** Post-order of the nodes between `output` and any of `wrt` (the part of the tape to replay). */
function tapeBetween(output: Tensor, wrt: ReadonlySet<Tensor>): Tensor[] {
  const order: Tensor[] = [];
  const reaches = new Map<Tensor, boolean>();
  // Iterative DFS: model graphs are deep enough to overflow a recursive walk.
  const stack: [Tensor, boolean][] = [[output, false]];
  while (stack.length > 0) {
    const [node, expanded] = stack.pop()!;
    if (expanded) {
      const r = wrt.has(node) || node.inputs.some((i) => reaches.get(i) === true);
      reaches.set(node, r);
      if (r) order.push(node);
      continue;
    }
    if (reaches.has(node)) continue;
    reaches.set(node, false);
    stack.push([node, true]);
    for (let i = node.inputs.length - 1; i >= 0; i--) stack.push([node.inputs[i]!, false]);
  }
  return order;
}

/**
 * Reverse mode over the lazy graph, which is the tape: walks from `output` back to `wrt`,
 * calling each node's vjp and summing cotangents where a tensor feeds several nodes. Returns one
 * lazy gradient per `wrt` (zeros where the output does not depend on it). The gradients are
 * graphs of ordinary ops, so differentiating them again gives higher-order gradients.
 *
 * @example
 * const [gx] = gradsOf(x.mul(x).sum(), [x]); // 2x
 */
export function gradsOf(output: Tensor, wrt: readonly Tensor[], cotangent?: Tensor): Tensor[] {
  wrt.forEach((t, i) => {
    if (t.dtype === 'int32') {
      throw new DTypeError({ op: 'grad', argument: `wrt[${i}]`, allowed: 'a float32 or float16 tensor', received: t.toString() });
    }
  });
  let seed: Tensor;
  if (cotangent) {
    if (!sameShape(cotangent.shape, output.shape)) {
      throw new ShapeError({ op: 'grad', argument: 'cotangent', allowed: `the output's shape ${formatShape(output.shape)}`, received: [...cotangent.shape] });
    }
    seed = cast(cotangent, output.dtype);
  } else {
    if (output.size !== 1) {
      throw new ShapeError({
        op: 'grad',
        argument: 'output',
        allowed: 'a one-element tensor (a scalar loss), or pass a cotangent',
        received: [...output.shape],
      });
    }
    if (output.dtype === 'int32') {
      throw new DTypeError({ op: 'grad', argument: 'output', allowed: 'a float32 or float16 tensor', received: output.toString() });
    }
    seed = expand(scalar(1, output.dtype), output.shape);
  }

  const targets = new Set(wrt);
  const cotangents = new Map<Tensor, Tensor>([[output, seed]]);
  const tape = tapeBetween(output, targets);
  for (let i = tape.length - 1; i >= 0; i--) {
    const node = tape[i]!;
    const c = cotangents.get(node);
    if (!c || node.op === 'Leaf') continue;
    const grads = vjpOf(node.op)(node, c);
    node.inputs.forEach((input, j) => {
      const gi = grads[j];
      if (!gi || input.dtype === 'int32') return;
      const prev = cotangents.get(input);
      cotangents.set(input, prev ? prev.add(gi) : gi);
    });
  }
  return wrt.map((t) => cotangents.get(t) ?? zerosLike(t));
}
