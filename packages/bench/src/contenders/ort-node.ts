import { cpus } from 'node:os';
import { ortContender, type OrtModule } from './ort.js';
import { packageVersion } from './package-version.js';

/** onnxruntime-node's CPU execution provider (native MLAS kernels), one thread per core. */
export const ortNode = ortContender('ort-node', async () => {
  const ort = (await import('onnxruntime-node')) as unknown as OrtModule;
  const threads = cpus().length;
  return {
    ort,
    version: `onnxruntime-node ${packageVersion('onnxruntime-node')}`,
    device: `CPU EP (native), ${threads} threads`,
    options: { executionProviders: ['cpu'], intraOpNumThreads: threads, graphOptimizationLevel: 'all' },
  };
});
