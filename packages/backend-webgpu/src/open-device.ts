import type { DeviceFacts } from './webgpu-context.js';
import { requestGpu, unavailable } from './request-gpu.js';

export interface OpenDeviceOptions {
  /** A GPU to use instead of navigator.gpu / the `webgpu` package. */
  readonly gpu?: GPU;
  /** 'auto' (default) stores float16 as f16 when the adapter has shader-f16; 'emulated' always stores f32. */
  readonly float16?: 'auto' | 'emulated';
  /** Use subgroup operations when the adapter has them (default true). */
  readonly subgroups?: boolean;
  readonly powerPreference?: GPUPowerPreference;
}

/** Finds an adapter and opens a device with the features kernels specialise on, or says why not. */
export async function openDevice(options: OpenDeviceOptions = {}): Promise<{ gpu: GPU; device: GPUDevice; facts: DeviceFacts }> {
  const gpu = options.gpu ?? (await requestGpu());
  let adapter: GPUAdapter | null;
  try {
    adapter = await gpu.requestAdapter(options.powerPreference ? { powerPreference: options.powerPreference } : undefined);
  } catch (e) {
    throw unavailable(`requestAdapter() failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!adapter) {
    throw unavailable(
      'requestAdapter() found no GPU adapter (in Node on Linux without a GPU, install Mesa\'s Vulkan drivers, e.g. lavapipe from mesa-vulkan-drivers ≥ 23)',
    );
  }
  const nativeF16 = options.float16 !== 'emulated' && adapter.features.has('shader-f16');
  const subgroups = options.subgroups !== false && adapter.features.has('subgroups');
  const requiredFeatures: GPUFeatureName[] = [];
  if (nativeF16) requiredFeatures.push('shader-f16');
  if (subgroups) requiredFeatures.push('subgroups' as GPUFeatureName);
  const limits = adapter.limits;
  let device: GPUDevice;
  try {
    device = await adapter.requestDevice({
      requiredFeatures,
      requiredLimits: {
        maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
        maxBufferSize: limits.maxBufferSize,
      },
    });
  } catch (e) {
    throw unavailable(`requestDevice() failed: ${e instanceof Error ? e.message : String(e)}`);
  }
  const info = adapter.info;
  const name = [info?.vendor, info?.architecture, info?.device, info?.description].filter((s) => s).join(' ') || 'unknown adapter';
  return {
    gpu,
    device,
    facts: {
      nativeF16,
      subgroups,
      description: `webgpu: ${name}; float16 ${nativeF16 ? 'stored as f16' : 'emulated in f32'}; subgroups ${subgroups ? 'on' : 'off'}`,
      maxWorkgroupsPerDimension: device.limits.maxComputeWorkgroupsPerDimension,
      minStorageBufferOffsetAlignment: device.limits.minStorageBufferOffsetAlignment,
    },
  };
}
