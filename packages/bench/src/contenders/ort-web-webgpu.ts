import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeAdapter } from './node-webgpu.js';
import { onnxGraphFor } from './onnx-graph-for.js';
import { ortContender, type OrtModule } from './ort.js';
import { packageVersion } from './package-version.js';
import { w1WeightNorm } from '../workloads/w1-weight-norm.js';

/**
 * onnxruntime-web's WebGPU EP on Dawn through navigator.gpu. Its bundle fetch()es its .wasm, which
 * Node cannot do for a file URL, so the binary is handed over directly; one wasm thread (the
 * bundle's pthread workers are browser Workers). A tiny probe session runs at start so a runtime
 * that cannot work in Node is reported as unavailable with its error, not as a per-case failure.
 */
export const ortWebWebgpu = ortContender('ort-web-webgpu', async () => {
  const adapter = await describeAdapter();
  const specifier = 'onnxruntime-web/webgpu';
  const ort = (await import(specifier)) as typeof import('onnxruntime-web');
  const dist = dirname(fileURLToPath(import.meta.resolve('onnxruntime-web')));
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.wasmBinary = readFileSync(`${dist}/ort-wasm-simd-threaded.asyncify.wasm`);
  const options = { executionProviders: ['webgpu'], graphOptimizationLevel: 'all' } as const;
  try {
    const probe = w1WeightNorm.cases(true)[0]!;
    const session = await ort.InferenceSession.create(onnxGraphFor(probe).bytes, options);
    const feeds = Object.fromEntries(probe.inputs.map((s) => [s.name, new ort.Tensor('float32', new Float32Array(s.shape.reduce((a, b) => a * b, 1)).fill(1), [...s.shape])]));
    const out = await session.run(feeds);
    await out[session.outputNames[0]!]!.getData();
    await session.release();
  } catch (e) {
    // Seen here: Dawn's queue.writeBuffer (the `webgpu` package) rejects views of the
    // SharedArrayBuffer that is onnxruntime-web's wasm memory ("Invalid argument"); with a copying
    // shim the first run never resolves. The EP is for browsers.
    throw new Error(`onnxruntime-web's webgpu EP does not run in Node with the \`webgpu\` package: ${e instanceof Error ? e.message : String(e)}`);
  }
  return {
    ort: ort as unknown as OrtModule,
    version: `onnxruntime-web ${packageVersion('onnxruntime-web')}, webgpu ${packageVersion('webgpu')}`,
    device: `webgpu EP on ${adapter}`,
    options,
  };
});
