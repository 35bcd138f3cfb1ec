import type { DType, HostArray } from '@weightnorm/core';
import type { MetalStorage } from './metal-storage.js';
import type { NativeDevice, NativeDeviceStats } from './native-addon.js';

/** `backend.context` of a Metal backend: what its kernels use, plus the zero-copy entry points. */
export interface MetalContext {
  readonly name: string;
  readonly device: NativeDevice;
  /**
   * A zero-filled `size`-element array in page-aligned memory the device can use directly: `upload`
   * wraps it without a copy (Metal shared storage over the same pages). The storage then aliases the
   * array, so don't write the array while that storage is in use.
   */
  hostArray(dtype: DType, size: number): HostArray;
  /**
   * Like `read`, but disposes `storage` as it reads, so the result can be the storage's own shared
   * memory instead of a copy (a copy still when the storage wraps a `hostArray`). Only for storage
   * the caller owns outright (from `upload` or a kernel it ran itself), never a tensor's.
   */
  readAndDispose(storage: MetalStorage, dtype: DType, size: number): Promise<HostArray>;
  /** How many uploads were wrapped or copied and reads viewed or copied, and work in flight. */
  stats(): NativeDeviceStats;
}
