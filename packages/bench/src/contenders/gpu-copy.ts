/* eslint-disable @typescript-eslint/no-explicit-any */
import type { PreparedCase } from './contender.js';
import { installNodeWebGpu } from './node-webgpu.js';

// GPUBufferUsage / GPUMapMode bits (the constants are not typed here).
const COPY_SRC = 0x4;
const COPY_DST = 0x8;
const MAP_READ = 0x1;

/**
 * The WebGPU roofline probe: one buffer-to-buffer copy on the adapter, timed to completion
 * (onSubmittedWorkDone) without a readback — it measures the device's memory bandwidth, not the
 * bus. `check` reads the copy back once for the correctness check.
 */
export async function gpuCopy(src: Float32Array): Promise<PreparedCase> {
  const gpu = await installNodeWebGpu();
  const adapter = await gpu.requestAdapter();
  const device = await adapter.requestDevice({ requiredLimits: { maxBufferSize: adapter.limits.maxBufferSize } });
  const a = device.createBuffer({ size: src.byteLength, usage: COPY_SRC | COPY_DST });
  const b = device.createBuffer({ size: src.byteLength, usage: COPY_SRC | COPY_DST });
  device.queue.writeBuffer(a, 0, src);
  const copy = async (): Promise<void> => {
    const enc = device.createCommandEncoder();
    enc.copyBufferToBuffer(a, 0, b, 0, src.byteLength);
    device.queue.submit([enc.finish()]);
    await device.queue.onSubmittedWorkDone();
  };
  return {
    async run() {
      await copy();
      return new Float32Array(0);
    },
    async check() {
      await copy();
      const read = device.createBuffer({ size: src.byteLength, usage: MAP_READ | COPY_DST });
      const enc = device.createCommandEncoder();
      enc.copyBufferToBuffer(b, 0, read, 0, src.byteLength);
      device.queue.submit([enc.finish()]);
      await read.mapAsync(MAP_READ);
      const out = new Float32Array(read.getMappedRange().slice(0));
      read.destroy();
      return out;
    },
    dispose() {
      a.destroy();
      b.destroy();
      device.destroy();
    },
  };
}
