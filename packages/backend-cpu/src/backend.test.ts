import { BackendError, COMPOSABLE_OPS, REQUIRED_OPS, type OpName } from '@weightnorm/core';
import { describe, expect, it } from 'vitest';
import { createCpuBackend } from './backend.js';
import { gemm } from './kernels/gemm.js';
import { backends, cpuBackend } from './index.js';

describe('createCpuBackend', () => {
  it('runs every required and every composable op natively', () => {
    const backend = createCpuBackend();
    expect(backend.name).toBe('cpu');
    const ops = [...backend.kernels.keys()].sort();
    expect(ops).toEqual([...REQUIRED_OPS, ...COMPOSABLE_OPS].sort());
    expect(backend.kernels.has('Reshape')).toBe(false);
  });

  it('leaves out composable ops on request, so core runs its composites', () => {
    const backend = createCpuBackend({ exclude: ['WeightNorm', 'Conv'] });
    expect(backend.kernels.has('WeightNorm')).toBe(false);
    expect(backend.kernels.has('Conv')).toBe(false);
    expect(backend.kernels.has('ConvTranspose')).toBe(true);
    expect(createCpuBackend({ exclude: [...COMPOSABLE_OPS] }).kernels.size).toBe(REQUIRED_OPS.length);
  });

  it('refuses to exclude an op core cannot compose, naming the argument', () => {
    expect(() => createCpuBackend({ exclude: ['Add'] })).toThrow(BackendError);
    expect(() => createCpuBackend({ exclude: ['Sigmoid', 'MatMul' as OpName] })).toThrow(
      'createCpuBackend: exclude must be a list of ops core can compose (Sigmoid, Conv, ConvTranspose, ConvWeightGrad, WeightNorm, WeightNormGradG, WeightNormGradV); received "MatMul"',
    );
  });

  it('runs its GEMM in WebAssembly SIMD by default and in TypeScript with wasm: false', () => {
    const simd = createCpuBackend();
    expect(simd.context.gemm).not.toBe(gemm);
    expect(simd.describe?.()).toContain('WebAssembly SIMD');
    // Relaxed FMA where the engine validates it (Node 22+), plain SIMD on Node 20.
    expect(createCpuBackend({ threads: 1 }).describe?.()).toMatch(
      /^cpu: WebAssembly SIMD( \(relaxed FMA\))? GEMM \(MatMul, Conv, ConvTranspose, ConvWeightGrad\), weight norm and elementwise ops on 1 thread, tensors in its heap, TypeScript kernels$/,
    );
    const plain = createCpuBackend({ wasm: false });
    expect(plain.context.gemm).toBe(gemm);
    expect(plain.describe?.()).toBe('cpu: TypeScript kernels on typed arrays, 1 thread');
  });

  it('refuses a thread count that is not a positive integer, naming the argument', () => {
    expect(() => createCpuBackend({ threads: 0 })).toThrow('createCpuBackend: threads must be an integer in [1, 256]; received 0');
    expect(() => createCpuBackend({ threads: 1.5 })).toThrow(BackendError);
  });

  it('takes its default thread count from WEIGHTNORM_CPU_THREADS, checked like the option', () => {
    const saved = process.env.WEIGHTNORM_CPU_THREADS;
    try {
      process.env.WEIGHTNORM_CPU_THREADS = '1';
      expect(createCpuBackend().describe?.()).toMatch(/ on 1 thread,/);
      expect(createCpuBackend({ threads: 2 }).describe?.()).toMatch(/ on 2 threads,/); // the option wins
      for (const bad of ['0', '2.5', 'many', '300']) {
        process.env.WEIGHTNORM_CPU_THREADS = bad;
        expect(() => createCpuBackend()).toThrow(
          `createCpuBackend: WEIGHTNORM_CPU_THREADS must be an integer in [1, 256]; received ${JSON.stringify(bad)}`,
        );
      }
      process.env.WEIGHTNORM_CPU_THREADS = '';
      expect(createCpuBackend().describe?.()).toMatch(/ on \d+ threads?,/); // empty: unset
    } finally {
      if (saved === undefined) delete process.env.WEIGHTNORM_CPU_THREADS;
      else process.env.WEIGHTNORM_CPU_THREADS = saved;
    }
  });

  it('supports float16 and nothing asynchronous', () => {
    const backend = createCpuBackend();
    expect(backend.supports('float16')).toBe(true);
    expect(backend.supports('async')).toBe(false);
  });

  it('reads back a copy of the requested length, in the storage type', async () => {
    const backend = createCpuBackend();
    for (const [data, dtype] of [
      [Float32Array.of(1.5, -2, 3), 'float32'],
      [Uint16Array.of(0x3c00, 0x7e00, 0x8000), 'float16'],
      [Int32Array.of(-1, 2, 2147483647), 'int32'],
    ] as const) {
      const storage = backend.upload(data, dtype);
      const back = await backend.read(storage, dtype, 3);
      expect(back).toBeInstanceOf(data.constructor);
      expect([...back]).toEqual([...data]);
      back[0] = 99;
      expect(storage[0]).toBe(data[0]);
      backend.dispose(storage);
    }
  });

  it('keeps large float32 tensors in the WebAssembly heap and gives their blocks back on dispose', async () => {
    const backend = createCpuBackend({ threads: 1 });
    const heap = backend.context.wasm!.heap;
    const before = heap.stats().live;
    const data = Float32Array.from({ length: 4096 }, (_, i) => i);
    const stored = backend.upload(data, 'float32') as Float32Array;
    expect(heap.addressOf(stored)).toBeGreaterThanOrEqual(0);
    expect([...stored]).toEqual([...data]);
    // Small, float16 and int32 data stay plain arrays.
    expect(backend.upload(Float32Array.of(1, 2), 'float32')).toBeInstanceOf(Float32Array);
    expect(heap.addressOf(backend.upload(Float32Array.of(1, 2), 'float32') as Float32Array)).toBe(-1);
    expect(heap.addressOf(backend.upload(new Int32Array(4096), 'int32') as Int32Array)).toBe(-1);
    // A read is an ordinary array, not a view of the shared heap.
    const back = (await backend.read(stored, 'float32', 4096)) as Float32Array;
    expect(back.buffer).toBeInstanceOf(ArrayBuffer);
    const w = backend.kernels.get('WeightNorm')!.run(
      backend.context,
      { v: { storage: stored, shape: [64, 64], dtype: 'float32' }, g: { storage: new Float32Array(64).fill(1), shape: [64, 1], dtype: 'float32' } },
      { axis: 0, eps: 0 },
      { shape: [64, 64], dtype: 'float32' },
    ) as Float32Array;
    expect(heap.addressOf(w)).toBeGreaterThanOrEqual(0);
    backend.dispose(w);
    backend.dispose(stored);
    expect(heap.stats().live).toBe(before);
  });

  it('falls back to plain arrays without WebAssembly', () => {
    const backend = createCpuBackend({ wasm: false });
    const data = new Float32Array(4096);
    expect(backend.upload(data, 'float32')).toBe(data);
    expect(backend.context.wasm).toBeUndefined();
  });

  it('runs a kernel end to end on uploaded storage', async () => {
    const backend = createCpuBackend();
    const a = backend.upload(Float32Array.of(1, 2, 3), 'float32');
    const add = backend.kernels.get('Add')!;
    const tensor = { storage: a, shape: [3], dtype: 'float32' as const };
    const y = await add.run(backend.context, { a: tensor, b: tensor }, {}, { shape: [3], dtype: 'float32' });
    expect([...(await backend.read(y, 'float32', 3))]).toEqual([2, 4, 6]);
  });
});

describe('package exports', () => {
  it('describes the cpu backend for lookup by name', async () => {
    expect(cpuBackend.name).toBe('cpu');
    expect(backends).toEqual([cpuBackend]);
    const backend = await cpuBackend.create();
    expect(backend.name).toBe('cpu');
  });
});
