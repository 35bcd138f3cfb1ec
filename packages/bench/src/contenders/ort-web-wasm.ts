import { cpus } from 'node:os';
import { ortContender, type OrtModule } from './ort.js';
import { packageVersion } from './package-version.js';

/** onnxruntime-web's WebAssembly EP (SIMD, threads as worker_threads in Node), one thread per core. */
export const ortWebWasm = ortContender('ort-web-wasm', async () => {
  const ort = await import('onnxruntime-web');
  const threads = cpus().length;
  ort.env.wasm.numThreads = threads;
  return {
    ort: ort as unknown as OrtModule,
    version: `onnxruntime-web ${packageVersion('onnxruntime-web')}`,
    device: `wasm EP, SIMD, ${threads} threads`,
    options: { executionProviders: ['wasm'], graphOptimizationLevel: 'all' },
  };
});
