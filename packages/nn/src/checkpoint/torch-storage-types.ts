import type { SafetensorsDType } from '../safetensors/safetensors-entry.js';

/** The storage classes a state dict may name, with the safetensors dtype and bytes per element of each. */
export const TORCH_STORAGE_TYPES = {
  FloatStorage: { dtype: 'F32', itemSize: 4 },
  HalfStorage: { dtype: 'F16', itemSize: 2 },
  BFloat16Storage: { dtype: 'BF16', itemSize: 2 },
  DoubleStorage: { dtype: 'F64', itemSize: 8 },
  IntStorage: { dtype: 'I32', itemSize: 4 },
  LongStorage: { dtype: 'I64', itemSize: 8 },
} as const satisfies Record<string, { dtype: SafetensorsDType; itemSize: number }>;

export type TorchStorageType = keyof typeof TORCH_STORAGE_TYPES;

/** The storage type named `torch.<name>`, or undefined (an own-property lookup, so "__proto__" finds nothing). */
export function torchStorageType(name: string): TorchStorageType | undefined {
  return Object.hasOwn(TORCH_STORAGE_TYPES, name) ? (name as TorchStorageType) : undefined;
}
