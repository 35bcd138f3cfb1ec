import type { DType } from '@weightnorm/core';
import type { NativeBuffer, NativeDevice } from './native-addon.js';

/** A tensor's storage: the addon's buffer, the device that owns it, and whether core disposed it. */
export class MetalStorage {
  released = false;
  constructor(
    readonly device: NativeDevice,
    readonly buffer: NativeBuffer,
    readonly dtype: DType,
  ) {}
}
