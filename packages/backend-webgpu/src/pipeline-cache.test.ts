import { BackendError } from '@weightnorm/core';
import { describe, expect, it } from 'vitest';
import { PipelineCache, type PipelineFactory } from './pipeline-cache.js';

function fakeDevice(fail = false) {
  const calls = { modules: [] as string[], pipelines: 0, layouts: [] as string[] };
  const device: PipelineFactory = {
    createShaderModule: ({ code }) => {
      calls.modules.push(code);
      return {} as GPUShaderModule;
    },
    createComputePipelineAsync: async () => {
      calls.pipelines++;
      if (fail) throw new Error('error: unresolved identifier "x"');
      return {} as GPUComputePipeline;
    },
    createBindGroupLayout: ({ entries }) => {
      calls.layouts.push([...entries].map((e) => e.buffer?.type).join(','));
      return {} as GPUBindGroupLayout;
    },
    createPipelineLayout: () => ({}) as GPUPipelineLayout,
    pushErrorScope: () => {},
    popErrorScope: async () => null,
  };
  return { device, calls };
}

describe('PipelineCache', () => {
  it('compiles once per kernel and specialisation key, generating the WGSL only on a miss', async () => {
    const { device, calls } = fakeDevice();
    const cache = new PipelineCache(device);
    let generated = 0;
    const code = () => `// shader ${++generated}`;
    const a = await cache.get('Add', 'float32|2', 'rrwr', code);
    const b = await cache.get('Add', 'float32|2', 'rrwr', code);
    await cache.get('Add', 'float16|2', 'rrwr', code);
    await cache.get('Mul', 'float32|2', 'rrwr', code);
    expect(a).toBe(b);
    expect(generated).toBe(3);
    expect(calls.pipelines).toBe(3);
    expect(cache.size).toBe(3);
  });

  it('builds explicit layouts from the binding string and shares them', async () => {
    const { device, calls } = fakeDevice();
    const cache = new PipelineCache(device);
    await cache.get('Add', 'k1', 'rrwr', () => '');
    await cache.get('Mul', 'k1', 'rrwr', () => '');
    await cache.get('Neg', 'k1', 'rwr', () => '');
    expect(calls.layouts).toEqual(['read-only-storage,read-only-storage,storage,read-only-storage', 'read-only-storage,storage,read-only-storage']);
  });

  it('turns a failed compilation into a BackendError naming the kernel, and does not cache it', async () => {
    const { device, calls } = fakeDevice(true);
    const cache = new PipelineCache(device);
    const err = await cache.get('Conv', 'float32|true', 'rrrwr', () => 'bad').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackendError);
    expect((err as BackendError).kernel).toBe('Conv');
    expect((err as Error).message).toContain('webgpu kernel Conv: pipeline creation failed: error: unresolved identifier');
    await cache.get('Conv', 'float32|true', 'rrrwr', () => 'bad').catch(() => undefined);
    expect(calls.pipelines).toBe(2);
  });
});
