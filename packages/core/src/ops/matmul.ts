import { ShapeError } from '../errors/index.js';
import { promoteTypes } from '../dtype/dtype.js';
import { Tensor } from '../ir/tensor.js';
import { broadcastShapes } from '../shape/broadcast.js';
import { formatShape, sizeOf } from '../shape/shape.js';
import { cast } from './cast.js';
import { expand, reshape } from './movement.js';

/**
 * torch.matmul: 1-d operands are promoted (and the added axis dropped again), batch axes
 * broadcast, and the product runs as one batched [B, M, K]·[B, K, N] kernel.
 *
 * @example
 * matmul(x, w.transpose()); // x [n, in], w [out, in] → [n, out]
 */
export function matmul(a: Tensor, b: Tensor): Tensor {
  if (a.ndim === 0 || b.ndim === 0) {
    throw new ShapeError({ op: 'matmul', argument: a.ndim === 0 ? 'a' : 'b', allowed: 'a tensor with at least 1 axis', received: [] });
  }
  const dtype = promoteTypes(a.dtype, b.dtype);
  const a2 = a.ndim === 1 ? reshape(a, [1, a.shape[0]!]) : a;
  const b2 = b.ndim === 1 ? reshape(b, [b.shape[0]!, 1]) : b;
  const [m, k] = a2.shape.slice(-2) as [number, number];
  const [k2, n] = b2.shape.slice(-2) as [number, number];
  if (k !== k2) {
    throw new ShapeError({
      op: 'matmul',
      argument: 'b',
      allowed: `a shape whose second-to-last axis is ${k} to match a ${formatShape(a.shape)}`,
      received: [...b.shape],
    });
  }
  const batch = broadcastShapes(a2.shape.slice(0, -2), b2.shape.slice(0, -2), 'matmul');
  const bs = sizeOf(batch);
  const a3 = reshape(expand(cast(a2, dtype), [...batch, m, k]), [bs, m, k]);
  const b3 = reshape(expand(cast(b2, dtype), [...batch, k, n]), [bs, k, n]);
  const out = new Tensor('MatMul', [a3, b3], {}, [bs, m, n], dtype);
  const shape = [...batch, ...(a.ndim === 1 ? [] : [m]), ...(b.ndim === 1 ? [] : [n])];
  return reshape(out, shape);
}
