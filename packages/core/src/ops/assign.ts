import type { HostArray } from '../dtype/dtype.js';
import { DTypeError, ShapeError } from '../errors/index.js';
import { Tensor } from '../ir/tensor.js';
import { cast } from './cast.js';

const HOST_ARRAY = { float32: Float32Array, float16: Uint16Array, int32: Int32Array } as const;

/**
 * Replaces a leaf's data in place with storage-form host data (float16 as half bits) and bumps
 * its version, so caches keyed on it (a folded weight) recompute. Synchronous, so a caller can
 * validate many tensors first and then swap them all without an await in between.
 *
 * @example
 * assignHost(layer.weight, Float32Array.from(newWeights)); // same element count, float32 leaf
 */
export function assignHost(target: Tensor, host: HostArray): void {
  if (!target.isLeaf) {
    throw new ShapeError({ op: 'assign', argument: 'target', allowed: 'a leaf tensor (a parameter)', received: target.toString() });
  }
  const expected = HOST_ARRAY[target.dtype];
  if (!(host instanceof expected)) {
    throw new DTypeError({ op: 'assign', argument: 'values', allowed: `a ${expected.name} for ${target.dtype}`, received: host });
  }
  if (host.length !== target.size) {
    throw new ShapeError({ op: 'assign', argument: 'values', allowed: `${target.size} elements`, received: `${host.length} elements` });
  }
  target.dispose();
  target.host = host.slice();
  target.version++;
}

/**
 * Replaces a leaf's data with another tensor's values (cast to the leaf's dtype) or host data.
 *
 * @example
 * await assign(linear.bias!, tensor([0, 0, 0])); // or linear.bias!.assign(...)
 */
export async function assign(target: Tensor, values: Tensor | HostArray): Promise<void> {
  if (values instanceof Tensor) {
    if (values.size !== target.size) {
      throw new ShapeError({ op: 'assign', argument: 'values', allowed: `${target.size} elements`, received: [...values.shape] });
    }
    assignHost(target, await cast(values, target.dtype).rawData());
  } else {
    assignHost(target, values);
  }
}
