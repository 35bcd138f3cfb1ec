import { convertHost, DTypeError, tensor, type DType, type Tensor } from '@weightnorm/core';

/** A leaf parameter in another dtype (the same tensor when the dtype already matches). */
export function castLeaf(p: Tensor, dtype: DType): Tensor {
  if (p.dtype === dtype) return p;
  if (!p.isLeaf || !p.host) {
    throw new DTypeError({ op: 'Module.to', argument: 'parameter', allowed: 'a leaf tensor', received: p.toString() });
  }
  return tensor(convertHost(p.host, p.dtype, dtype, 'Module.to'), p.shape, { dtype });
}
