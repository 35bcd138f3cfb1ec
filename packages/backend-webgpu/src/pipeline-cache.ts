import { kernelError } from './kernel-error.js';

/** The part of GPUDevice the cache uses, so tests can count compilations without a GPU. */
export interface PipelineFactory {
  createShaderModule(descriptor: GPUShaderModuleDescriptor): GPUShaderModule;
  createComputePipelineAsync(descriptor: GPUComputePipelineDescriptor): Promise<GPUComputePipeline>;
  createBindGroupLayout(descriptor: GPUBindGroupLayoutDescriptor): GPUBindGroupLayout;
  createPipelineLayout(descriptor: GPUPipelineLayoutDescriptor): GPUPipelineLayout;
  pushErrorScope(filter: GPUErrorFilter): void;
  popErrorScope(): Promise<GPUError | null>;
}

export interface CachedPipeline {
  readonly pipeline: GPUComputePipeline;
  readonly layout: GPUBindGroupLayout;
}

/**
 * Compute pipelines keyed by kernel and specialisation (dtypes, rank, flags): the WGSL is generated
 * and compiled once per key. `bindings` spells the bind group, one letter per binding in order:
 * `r` read-only storage, `w` read-write storage. Layouts are explicit, so a shader that leaves a
 * binding unused still accepts the same bind group.
 */
export class PipelineCache {
  private readonly pipelines = new Map<string, Promise<CachedPipeline>>();
  private readonly layouts = new Map<string, GPUBindGroupLayout>();
  compiled = 0;

  constructor(private readonly device: PipelineFactory) {}

  get(kernel: string, key: string, bindings: string, code: () => string): Promise<CachedPipeline> {
    const full = `${kernel}|${key}|${bindings}`;
    let found = this.pipelines.get(full);
    if (!found) {
      found = this.compile(kernel, bindings, code());
      // A failed compilation is reported once and not cached, so a fixed device can retry.
      found.catch(() => this.pipelines.delete(full));
      this.pipelines.set(full, found);
    }
    return found;
  }

  get size(): number {
    return this.pipelines.size;
  }

  private async compile(kernel: string, bindings: string, code: string): Promise<CachedPipeline> {
    const layout = this.layout(bindings);
    this.compiled++;
    // The shader module reports its WGSL errors to the error scope, not to the pipeline's
    // rejection: catch them here so they never surface later as some other kernel's error.
    this.device.pushErrorScope('validation');
    const pending = this.device.createComputePipelineAsync({
      label: kernel,
      layout: this.device.createPipelineLayout({ bindGroupLayouts: [layout] }),
      compute: { module: this.device.createShaderModule({ label: kernel, code }), entryPoint: 'main' },
    });
    const scope = this.device.popErrorScope();
    try {
      // A pipeline that compiled had a valid module; the scope is awaited only to explain a
      // failure (awaiting it always would wait for the queue to drain).
      const pipeline = await pending;
      scope.catch(() => null);
      return { pipeline, layout };
    } catch (e) {
      const shaderError = await scope.catch(() => null);
      const detail = shaderError?.message ?? (e instanceof Error ? e.message : String(e));
      throw kernelError(kernel, 'pipeline creation failed', detail);
    }
  }

  private layout(bindings: string): GPUBindGroupLayout {
    let layout = this.layouts.get(bindings);
    if (!layout) {
      layout = this.device.createBindGroupLayout({
        entries: [...bindings].map((b, binding) => ({
          binding,
          visibility: 0x4, // GPUShaderStage.COMPUTE
          buffer: { type: b === 'w' ? 'storage' : 'read-only-storage' },
        })),
      });
      this.layouts.set(bindings, layout);
    }
    return layout;
  }
}
