import type { Tensor } from '../../ir/tensor.js';
import { matmul } from '../../ops/matmul.js';
import type { VjpRule } from '../vjp-rule.js';

/** a [B, M, K] · b [B, K, N]: da = c·bᵀ, db = aᵀ·c. */
export const matmulVjp: VjpRule = (n, c) => {
  const [a, b] = n.inputs as [Tensor, Tensor];
  return [matmul(c, b.transpose(1, 2)), matmul(a.transpose(1, 2), c)];
};
