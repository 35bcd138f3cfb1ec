import { checkDType, type DType, type HostArray } from '../dtype/dtype.js';
import { toFloat16Bits } from '../dtype/float16.js';
import { DTypeError, ShapeError } from '../errors/index.js';
import { Tensor } from '../ir/tensor.js';
import { checkShape, sizeOf } from '../shape/shape.js';

/**
 * Options of the tensor constructors (`tensor`, `zeros`, `ones`, `full`): the dtype, float32 by default.
 *
 * @example
 * const h = zeros([2, 2], { dtype: 'float16' });
 */
export interface TensorOptions {
  dtype?: DType;
}

type TensorData = ArrayLike<number> | HostArray | number;

/**
 * Creates a leaf tensor, copying `data` (row-major). float16 takes values (rounded once, to
 * nearest even) or, from a Uint16Array, raw half bits.
 *
 * @example
 * const w = tensor([1, 2, 3, 4, 5, 6], [2, 3]);
 * const h = tensor(new Float32Array([0.1, 0.2]), [2], { dtype: 'float16' });
 */
export function tensor(data: TensorData, shape?: readonly number[], opts: TensorOptions = {}): Tensor {
  const values: ArrayLike<number> = typeof data === 'number' ? [data] : data;
  const dims = checkShape(shape ?? (typeof data === 'number' ? [] : [values.length]), 'tensor', 'shape');
  if (typeof values !== 'object' || values === null || typeof values.length !== 'number') {
    throw new ShapeError({ op: 'tensor', argument: 'data', allowed: 'a number array or typed array', received: data });
  }
  if (values.length !== sizeOf(dims)) {
    throw new ShapeError({
      op: 'tensor',
      argument: 'data',
      allowed: `${sizeOf(dims)} values for shape [${dims.join(', ')}]`,
      received: `${values.length} values`,
    });
  }
  const dtype = checkDType(opts.dtype ?? (data instanceof Int32Array ? 'int32' : 'float32'), 'tensor');
  if (data instanceof Uint16Array && dtype !== 'float16') {
    throw new DTypeError({
      op: 'tensor',
      argument: 'data',
      allowed: 'a Uint16Array only as float16 half bits (pass { dtype: "float16" })',
      received: `Uint16Array with dtype ${dtype}`,
    });
  }
  return new Tensor('Leaf', [], {}, dims, dtype, toHost(values, dtype));
}

function toHost(values: ArrayLike<number>, dtype: DType): HostArray {
  switch (dtype) {
    case 'float32':
      return Float32Array.from(values);
    case 'float16':
      return values instanceof Uint16Array ? values.slice() : toFloat16Bits(values);
    case 'int32': {
      const out = new Int32Array(values.length);
      for (let i = 0; i < values.length; i++) {
        const v = Math.trunc(values[i]!);
        if (!(v >= -2147483648 && v <= 2147483647)) {
          throw new DTypeError({ op: 'tensor', argument: `data[${i}]`, allowed: 'a value in int32 range', received: values[i] });
        }
        out[i] = v;
      }
      return out;
    }
  }
}

/**
 * A tensor of `shape` filled with `value`.
 *
 * @example
 * const fill = full([2, 2], 0.5);
 */
export function full(shape: readonly number[], value: number, opts: TensorOptions = {}): Tensor {
  const dims = checkShape(shape, 'full');
  return tensor(new Array<number>(sizeOf(dims)).fill(value), dims, opts);
}

/**
 * A tensor of `shape` filled with 0 (torch.zeros).
 *
 * @example
 * const z = zeros([2, 3]);
 */
export function zeros(shape: readonly number[], opts: TensorOptions = {}): Tensor {
  return full(shape, 0, opts);
}

/**
 * A tensor of `shape` filled with 1 (torch.ones).
 *
 * @example
 * const o = ones([512, 1, 1], { dtype: 'float16' });
 */
export function ones(shape: readonly number[], opts: TensorOptions = {}): Tensor {
  return full(shape, 1, opts);
}

/**
 * A 0-d tensor.
 *
 * @example
 * const two = scalar(2);
 */
export function scalar(value: number, dtype: DType = 'float32'): Tensor {
  return tensor([value], [], { dtype });
}
