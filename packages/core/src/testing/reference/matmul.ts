import { broadcastShape } from './elementwise.js';
import { nd, offsetOf, unravel, type NdArray } from './nd-array.js';

/**
 * torch.matmul: a 1-d operand becomes a row (a) or column (b) and that axis is dropped from the
 * result; leading batch axes broadcast.
 */
export function matmulRef(a: NdArray, b: NdArray): NdArray {
  const as = a.shape.length === 1 ? [1, a.shape[0]!] : [...a.shape];
  const bs = b.shape.length === 1 ? [b.shape[0]!, 1] : [...b.shape];
  const m = as[as.length - 2]!;
  const k = as[as.length - 1]!;
  const n = bs[bs.length - 1]!;
  if (bs[bs.length - 2] !== k) throw new Error('reference matmul: inner sizes differ');
  const aBatch = as.slice(0, -2);
  const bBatch = bs.slice(0, -2);
  const batch = broadcastShape(aBatch, bBatch);
  const full = nd([...batch, m, n]);
  for (let i = 0; i < full.data.length; i++) {
    const c = unravel(i, full.shape);
    const bc = c.slice(0, batch.length);
    const [r, col] = c.slice(batch.length) as [number, number];
    const ab = aBatch.map((d, j) => (d === 1 ? 0 : bc[batch.length - aBatch.length + j]!));
    const bb = bBatch.map((d, j) => (d === 1 ? 0 : bc[batch.length - bBatch.length + j]!));
    let acc = 0;
    for (let t = 0; t < k; t++) acc += a.data[offsetOf([...ab, r, t], as)]! * b.data[offsetOf([...bb, t, col], bs)]!;
    full.data[i] = acc;
  }
  const shape = [...batch, ...(a.shape.length === 1 ? [] : [m]), ...(b.shape.length === 1 ? [] : [n])];
  return nd(shape, full.data);
}
