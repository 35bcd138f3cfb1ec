import { fromFloat16Bits, toFloat16Bits, type DType, type HostArray } from '@weightnorm/core';
import { BufferPool } from './buffer-pool.js';
import { MAP_MODE_READ, READBACK_USAGE, TENSOR_USAGE } from './gpu-flags.js';
import { kernelError } from './kernel-error.js';
import { MetaArena } from './meta-arena.js';
import { PipelineCache } from './pipeline-cache.js';
import { withTimeout } from './with-timeout.js';
import type { WebgpuStorage } from './webgpu-storage.js';
import { deviceItemSize, type WgslTypes } from './wgsl/scalar.js';

/** What the adapter offers that kernels specialise on. */
export interface DeviceFacts {
  readonly nativeF16: boolean;
  readonly subgroups: boolean;
  readonly description: string;
  readonly maxWorkgroupsPerDimension: number;
  readonly minStorageBufferOffsetAlignment: number;
}

export interface DispatchSpec {
  /** The op (or helper) dispatching, named in errors. */
  readonly kernel: string;
  /** Specialisation: everything the generated WGSL depends on besides the kernel. */
  readonly key: string;
  readonly code: () => string;
  readonly inputs: readonly WebgpuStorage[];
  readonly outputs: readonly WebgpuStorage[];
  /** i32 metadata bound after the outputs. */
  readonly meta: ArrayLike<number>;
  readonly workgroups: readonly [number, number, number];
}

interface PendingCheck {
  readonly kernel: string;
  readonly errors: Promise<(GPUError | null)[]>;
}

/**
 * What every webgpu kernel receives as `ctx`: the device, its pools and caches, and the one command
 * encoder of the current evaluation. Kernels only encode; `submit` sends the work, `flush` (core
 * calls it once per evaluation) also surfaces any GPU error as a BackendError naming the kernel.
 */
export class WebgpuContext implements WgslTypes {
  readonly pool: BufferPool;
  readonly pipelines: PipelineCache;
  readonly nativeF16: boolean;
  readonly subgroups: boolean;
  private readonly arena: MetaArena;
  private encoder: GPUCommandEncoder | null = null;
  private pass: GPUComputePassEncoder | null = null;
  private encodedKernels = new Set<string>();
  private checks: PendingCheck[] = [];
  private uncaptured: { kernel: string; error: GPUError }[] = [];
  private lastKernel = 'none';
  private lostReason: string | null = null;
  /** Dispatches and submits so far, for tests of the one-encoder-per-evaluation rule. */
  readonly counters = { dispatches: 0, submits: 0, reads: 0 };

  constructor(
    /**
     * Held for the device's lifetime: Node's Dawn stops delivering promise results (pipelines,
     * mapAsync, error scopes) once the object `create()` returned is collected.
     */
    private gpu: GPU | null,
    readonly device: GPUDevice,
    readonly facts: DeviceFacts,
    /** Bound on any wait for the GPU (readback, error scopes), in ms. */
    readonly timeoutMs: number,
  ) {
    this.nativeF16 = facts.nativeF16;
    this.subgroups = facts.subgroups;
    this.pool = new BufferPool(device);
    this.pipelines = new PipelineCache(device);
    this.arena = new MetaArena(device, facts.minStorageBufferOffsetAlignment);
    device.addEventListener('uncapturederror', (ev) => {
      this.uncaptured.push({ kernel: this.lastKernel, error: (ev as GPUUncapturedErrorEvent).error });
    });
    void device.lost.then((info) => {
      this.lostReason = `${info.reason}: ${info.message}`;
    });
  }

  get lost(): string | null {
    return this.lostReason;
  }

  /** Fresh storage for `size` elements of `dtype` (never zero bytes: WebGPU cannot bind those). */
  alloc(dtype: DType, size: number): WebgpuStorage {
    // No liveness check here: a lost device hands out invalid buffers, and the kernel's dispatch
    // then reports the loss under the kernel's name.
    return { buffer: this.pool.acquire(size * deviceItemSize(this, dtype), TENSOR_USAGE), dtype, size };
  }

  release(storage: WebgpuStorage): void {
    if (this.lostReason) return;
    this.pool.release(storage.buffer);
  }

  /** Encodes one compute dispatch into the evaluation's pass. Nothing runs until `submit`. */
  async dispatch(spec: DispatchSpec): Promise<void> {
    this.checkAlive(spec.kernel);
    const [x, y, z] = spec.workgroups;
    if (x === 0 || y === 0 || z === 0) return;
    const bindings = 'r'.repeat(spec.inputs.length) + 'w'.repeat(spec.outputs.length) + 'r';
    const { pipeline, layout } = await this.pipelines.get(spec.kernel, spec.key, bindings, spec.code);
    this.checkAlive(spec.kernel);
    this.lastKernel = spec.kernel;
    const meta = this.arena.push(spec.meta);
    const device = this.device;
    device.pushErrorScope('out-of-memory');
    device.pushErrorScope('validation');
    const bindGroup = device.createBindGroup({
      layout,
      entries: [
        ...[...spec.inputs, ...spec.outputs].map((s, binding) => ({ binding, resource: { buffer: s.buffer } })),
        { binding: spec.inputs.length + spec.outputs.length, resource: { buffer: meta.buffer, offset: meta.offset, size: meta.size } },
      ],
    });
    const pass = this.openPass();
    pass.setPipeline(pipeline);
    pass.setBindGroup(0, bindGroup);
    pass.dispatchWorkgroups(x, y, z);
    this.checks.push({ kernel: spec.kernel, errors: Promise.all([device.popErrorScope(), device.popErrorScope()]) });
    this.encodedKernels.add(spec.kernel);
    this.counters.dispatches++;
  }

  /** Sends the encoded work (and its metadata) to the queue. */
  submit(): void {
    if (!this.encoder) return;
    this.pass?.end();
    this.pass = null;
    const encoder = this.encoder;
    this.encoder = null;
    const kernels = [...this.encodedKernels].join(', ');
    this.encodedKernels = new Set();
    const device = this.device;
    device.pushErrorScope('out-of-memory');
    device.pushErrorScope('validation');
    this.arena.upload(device.queue);
    device.queue.submit([encoder.finish()]);
    this.checks.push({ kernel: kernels, errors: Promise.all([device.popErrorScope(), device.popErrorScope()]) });
    this.counters.submits++;
  }

  /** Submits and reports the first GPU error of this evaluation as a BackendError. */
  async flush(): Promise<void> {
    // Core flushes in a `finally`: on a lost device, let the error that stopped the evaluation through.
    if (this.lostReason) return;
    this.submit();
    const checks = this.checks;
    this.checks = [];
    const results = await withTimeout(
      Promise.all(checks.map((c) => c.errors)),
      this.timeoutMs,
      () => kernelError(checks.map((c) => c.kernel).join(', ') || 'flush', 'timeout', `the device did not answer within ${this.timeoutMs} ms`),
    );
    results.forEach((errs, i) => {
      const err = errs.find((e) => e !== null);
      if (err) throw kernelError(checks[i]!.kernel, kindOf(err), err.message);
    });
    const un = this.uncaptured.shift();
    if (un) {
      this.uncaptured = [];
      throw kernelError(un.kernel, kindOf(un.error), un.error.message);
    }
    this.checkAlive(this.lastKernel);
  }

  /** Copies host data into fresh storage. */
  upload(data: HostArray, dtype: DType): WebgpuStorage {
    this.checkAlive('upload');
    const storage = this.alloc(dtype, data.length);
    // writeBuffer runs on the queue ahead of unsubmitted commands, and this buffer may have been
    // released by one of them: send those first.
    this.submit();
    let bytes: ArrayBufferView = data;
    if (dtype === 'float16' && !this.nativeF16) bytes = fromFloat16Bits(data as Uint16Array);
    let byteLength = bytes.byteLength;
    if (byteLength % 4 !== 0) {
      // An odd-length float16 array: writeBuffer wants a multiple of 4 bytes.
      const padded = new Uint16Array(data.length + 1);
      padded.set(data as Uint16Array);
      bytes = padded;
      byteLength = padded.byteLength;
    }
    if (byteLength > 0) this.device.queue.writeBuffer(storage.buffer, 0, bytes.buffer, bytes.byteOffset, byteLength);
    return storage;
  }

  /** Reads `size` elements back to the host (float16 as half bits). */
  async read(storage: WebgpuStorage, dtype: DType, size: number): Promise<HostArray> {
    this.checkAlive('read');
    this.submit();
    this.counters.reads++;
    const itemBytes = deviceItemSize(this, dtype);
    const byteLength = Math.ceil((size * itemBytes) / 4) * 4;
    if (byteLength === 0) return readHost(new ArrayBuffer(0), dtype, 0, this.nativeF16);
    const staging = this.pool.acquire(byteLength, READBACK_USAGE);
    const encoder = this.device.createCommandEncoder();
    encoder.copyBufferToBuffer(storage.buffer, 0, staging, 0, byteLength);
    this.device.queue.submit([encoder.finish()]);
    try {
      await withTimeout(staging.mapAsync(MAP_MODE_READ, 0, byteLength), this.timeoutMs, () =>
        kernelError('read', 'timeout', `readback did not finish within ${this.timeoutMs} ms`),
      );
    } catch (e) {
      if (this.lostReason) throw kernelError(this.lastKernel, 'device lost', this.lostReason);
      throw e instanceof Error && e.name === 'BackendError' ? e : kernelError('read', 'readback failed', String(e));
    }
    const copy = staging.getMappedRange(0, byteLength).slice(0);
    staging.unmap();
    this.pool.release(staging);
    return readHost(copy, dtype, size, this.nativeF16);
  }

  destroy(): void {
    this.pool.clear();
    this.arena.destroy();
    this.device.destroy();
    this.gpu = null;
  }

  private openPass(): GPUComputePassEncoder {
    if (!this.encoder) this.encoder = this.device.createCommandEncoder();
    if (!this.pass) this.pass = this.encoder.beginComputePass();
    return this.pass;
  }

  private checkAlive(kernel: string): void {
    if (this.lostReason) throw kernelError(kernel, 'device lost', this.lostReason);
  }
}

function kindOf(e: GPUError): string {
  const name = e.constructor?.name ?? '';
  if (name.includes('OutOfMemory')) return 'out-of-memory';
  if (name.includes('Validation')) return 'validation error';
  if (name.includes('Internal')) return 'internal error';
  return 'error';
}

function readHost(bytes: ArrayBuffer, dtype: DType, size: number, nativeF16: boolean): HostArray {
  switch (dtype) {
    case 'float32':
      return new Float32Array(bytes, 0, size);
    case 'int32':
      return new Int32Array(bytes, 0, size);
    case 'float16':
      return nativeF16 ? new Uint16Array(bytes, 0, size) : toFloat16Bits(new Float32Array(bytes, 0, size));
  }
}
