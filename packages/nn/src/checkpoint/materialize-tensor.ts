import type { SafetensorsEntry } from '../safetensors/safetensors-entry.js';
import { ptFail } from './checkpoint-fail.js';
import type { PickleTensor } from './pickle-value.js';
import { TORCH_STORAGE_TYPES } from './torch-storage-types.js';

// Typed-array byte copies read the storage as host-endian; torch zip files here are little-endian.
const HOST_IS_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

function isContiguous(shape: number[], stride: number[]): boolean {
  let expected = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    // A dimension of size 1 (or an empty tensor) places no constraint on its stride.
    if (shape[i] === 0) return true;
    if (shape[i] !== 1 && stride[i] !== expected) return false;
    expected *= shape[i]!;
  }
  return true;
}

/** The view's elements in row-major order as a fresh byte buffer (no larger than the storage). */
function gather(t: PickleTensor, storage: Uint8Array, numel: number, itemSize: number): Uint8Array {
  if (isContiguous(t.shape, t.stride)) return storage.slice(t.offset * itemSize, (t.offset + numel) * itemSize);
  const out = new Uint8Array(numel * itemSize);
  const index = new Array<number>(t.shape.length).fill(0);
  let src = t.offset;
  for (let i = 0; i < numel; i++) {
    out.set(storage.subarray(src * itemSize, (src + 1) * itemSize), i * itemSize);
    // Odometer step over the shape, last axis fastest.
    for (let d = t.shape.length - 1; d >= 0; d--) {
      index[d]!++;
      src += t.stride[d]!;
      if (index[d]! < t.shape[d]!) break;
      src -= index[d]! * t.stride[d]!;
      index[d] = 0;
    }
  }
  return out;
}

/**
 * Copies a checked tensor view out of its storage bytes into weightnorm's host form, converting
 * dtypes exactly as the safetensors reader does (see SafetensorsEntry): F16 stays half bits,
 * BF16 widens exactly, F64 rounds to float32, I64 narrows to int32 or fails naming the value.
 */
export function materializeTensor(name: string, t: PickleTensor, storage: Uint8Array): SafetensorsEntry {
  const { dtype, itemSize } = TORCH_STORAGE_TYPES[t.storage.type];
  const numel = t.shape.reduce((a, d) => a * d, 1);
  if (!HOST_IS_LITTLE_ENDIAN) ptFail('host byte order', 'little-endian', 'big-endian');
  const bytes = gather(t, storage, numel, itemSize);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shape = t.shape;
  switch (dtype) {
    case 'F32':
      return { dtype: 'float32', shape, data: new Float32Array(bytes.buffer, bytes.byteOffset, numel), sourceDType: dtype };
    case 'F16':
      return { dtype: 'float16', shape, data: new Uint16Array(bytes.buffer, bytes.byteOffset, numel), sourceDType: dtype };
    case 'I32':
      return { dtype: 'int32', shape, data: new Int32Array(bytes.buffer, bytes.byteOffset, numel), sourceDType: dtype };
    case 'BF16': {
      // bfloat16 is the top half of a float32, so widening is exact.
      const data = new Float32Array(numel);
      const bits = new Uint32Array(data.buffer);
      for (let i = 0; i < numel; i++) bits[i] = view.getUint16(2 * i, true) << 16;
      return { dtype: 'float32', shape, data, sourceDType: dtype };
    }
    case 'F64': {
      const data = new Float32Array(numel);
      for (let i = 0; i < numel; i++) data[i] = view.getFloat64(8 * i, true);
      return { dtype: 'float32', shape, data, sourceDType: dtype };
    }
    case 'I64': {
      const data = new Int32Array(numel);
      for (let i = 0; i < numel; i++) {
        const lo = view.getInt32(8 * i, true);
        if (view.getInt32(8 * i + 4, true) !== lo >> 31) {
          ptFail(`tensor ${JSON.stringify(name)} data[${i}]`, 'an int64 value in int32 range [-2147483648, 2147483647]', view.getBigInt64(8 * i, true));
        }
        data[i] = lo;
      }
      return { dtype: 'int32', shape, data, sourceDType: dtype };
    }
  }
}
