import type { OpName } from '../backend/ops.js';
import { sameShape } from '../shape/shape.js';
import type { Tensor } from './tensor.js';

/** Most ops one chain takes: a backend keeps one block of scratch per intermediate. */
export const MAX_CHAIN_STEPS = 16;

/**
 * Groups the nodes of one evaluation into elementwise chains a backend can run in one pass. A node
 * whose op the backend chains takes in an input when that input is also such a node of this
 * evaluation, has the same shape, is read by nothing else here (one use), and is neither a target
 * nor kept: its value is then never needed on its own. Returns, per chain's last node, the chain's
 * nodes in evaluation order (the last node included); only chains of two or more ops.
 *
 * `order` is the evaluation's post-order, so a chain's nodes come before its last node and every
 * input outside the chain is computed before the chain runs.
 */
export function findChains(
  order: readonly Tensor[],
  consumers: ReadonlyMap<Tensor, number>,
  wanted: ReadonlySet<Tensor>,
  ops: ReadonlySet<OpName>,
): Map<Tensor, Tensor[]> {
  const open = new Map<Tensor, Tensor[]>();
  for (const node of order) {
    if (node.op === 'Leaf' || !ops.has(node.op)) continue;
    const members: Tensor[] = [];
    for (const input of node.inputs) {
      const chain = open.get(input);
      if (
        !chain ||
        consumers.get(input) !== 1 ||
        wanted.has(input) ||
        input.keep ||
        !sameShape(input.shape, node.shape) ||
        members.length + chain.length + 1 > MAX_CHAIN_STEPS
      ) {
        continue;
      }
      members.push(...chain);
      open.delete(input);
    }
    members.push(node);
    open.set(node, members);
  }
  for (const [last, members] of open) if (members.length < 2) open.delete(last);
  return open;
}
