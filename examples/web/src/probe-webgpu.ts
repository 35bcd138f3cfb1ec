import { getBackendInstance } from '@weightnorm/core';
import type { WebgpuContext } from '@weightnorm/backend-webgpu';

export type WebgpuProbe = { ok: true; description: string; context: WebgpuContext } | { ok: false; reason: string };

/**
 * Opens the webgpu backend once to learn whether this browser has a usable adapter, and which.
 * The backend's own BackendUnavailableError says why not (no navigator.gpu, no adapter, device
 * refused), so the page shows that sentence instead of guessing.
 */
export async function probeWebgpu(): Promise<WebgpuProbe> {
  if (!(globalThis as { navigator?: { gpu?: unknown } }).navigator?.gpu) {
    return { ok: false, reason: 'This browser has no WebGPU (navigator.gpu is missing: WebGPU is off or unsupported here). The cpu backend still works.' };
  }
  try {
    const backend = await getBackendInstance('webgpu');
    return { ok: true, description: backend.describe?.() ?? 'webgpu', context: backend.context as WebgpuContext };
  } catch (e) {
    return { ok: false, reason: `WebGPU is present but cannot be used: ${e instanceof Error ? e.message : String(e)}. The cpu backend still works.` };
  }
}
