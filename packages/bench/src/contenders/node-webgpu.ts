/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Gives this process `navigator.gpu` from the `webgpu` package (Dawn), as the browser peers
 * (tfjs-webgpu, onnxruntime-web's webgpu EP) expect. Returns the GPU object. The WebGPU types are
 * not a dependency of the bench, hence the loose typing of this small surface.
 */
export async function installNodeWebGpu(): Promise<any> {
  const g = globalThis as any;
  if (g.navigator?.gpu) return g.navigator.gpu;
  const { create, globals } = (await import('webgpu')) as any;
  Object.assign(globalThis, globals);
  const gpu = create([]);
  if (!g.navigator) g.navigator = {};
  Object.defineProperty(g.navigator, 'gpu', { value: gpu, configurable: true });
  return gpu;
}

/** "vendor architecture (description)" of the adapter this process gets. */
export async function describeAdapter(): Promise<string> {
  const gpu = await installNodeWebGpu();
  const adapter = await gpu.requestAdapter();
  if (!adapter) throw new Error('navigator.gpu.requestAdapter() returned null: no WebGPU adapter here');
  const i = adapter.info ?? {};
  return [i.vendor, i.architecture, i.device, i.description].filter((s: string) => s).join(' ') || 'unknown adapter';
}
