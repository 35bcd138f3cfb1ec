import type { HostArray } from '@weightnorm/core';

/** A device buffer owned by the addon; freed when released (or collected). */
export interface NativeBuffer {
  readonly byteLength: number;
}

/** Which paths the device's uploads and reads took, counted since it was created. */
export interface NativeDeviceStats {
  /** Uploads that wrapped `allocateHost` memory without a copy. */
  readonly uploadWraps: number;
  /** Uploads copied once into a new device buffer. */
  readonly uploadCopies: number;
  /** `readView` results that are the device buffer's own memory. */
  readonly readViews: number;
  /** Reads (and `readView`s of wrapped uploads) that copied. */
  readonly readCopies: number;
  /** Submitted command buffers whose completion has not reached JS yet. */
  readonly inFlight: number;
}

/** The addon's device (native/addon.cc): one per backend instance. */
export interface NativeDevice {
  /** Wraps `data` without a copy when it lies page-aligned in `allocateHost` memory; else copies it once. */
  upload(data: HostArray): NativeBuffer;
  /** Resolves, once all work encoded so far has run, to a copy the caller owns. */
  read(buffer: NativeBuffer, byteLength: number): Promise<ArrayBuffer>;
  /**
   * Releases the handle at once and resolves, once all work encoded so far has run, to the buffer's
   * own memory (a copy when the buffer wraps JS memory).
   */
  readView(buffer: NativeBuffer, byteLength: number): Promise<ArrayBuffer>;
  release(buffer: NativeBuffer): void;
  /** Encodes one op into the current command buffer; inputs/shapes/dtypes are positional. */
  run(
    op: string,
    inputs: readonly NativeBuffer[],
    shapes: readonly (readonly number[])[],
    dtypes: readonly number[],
    outShape: readonly number[],
    outDtype: number,
    attrs: Readonly<Record<string, readonly number[] | string>>,
  ): NativeBuffer;
  /** Encodes one kernel by name (the emulator harness's tests). */
  dispatch(
    kernel: string,
    spec: {
      constants: readonly number[];
      args: readonly (NativeBuffer | ArrayBufferView)[];
      groups: number;
      threadsPerGroup: number;
    },
  ): void;
  /**
   * Submits this evaluation's command buffer; resolves when it and all earlier work finished, without
   * blocking the JS thread. Rejects with an Error whose `kernel` property names the failed kernel.
   */
  commit(): Promise<void>;
  stats(): NativeDeviceStats;
  describe(): string;
}

export interface NativeAddon {
  /** Which device this build holds: `metal` on macOS, `emulated` elsewhere. */
  readonly deviceKind: 'metal' | 'emulated';
  /** Ops with a native kernel, in core's names. */
  readonly ops: readonly string[];
  readonly Device: new () => NativeDevice;
  /** Zero-filled, page-aligned host memory (rounded up to whole pages) that upload() wraps without a copy. */
  allocateHost(byteLength: number): ArrayBuffer;
  /** The VM page size the zero-copy rules use. */
  readonly pageSize: number;
}
