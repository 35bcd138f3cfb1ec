import { tfjsContender } from './tfjs.js';
import { describeAdapter } from './node-webgpu.js';

/** tfjs's WebGPU backend, on Dawn through the `webgpu` package's navigator.gpu. */
export const tfjsWebgpu = tfjsContender('tfjs-webgpu', 'webgpu', async () => {
  const adapter = await describeAdapter();
  await import('@tensorflow/tfjs-backend-webgpu');
  return adapter;
}, ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-webgpu', 'webgpu']);
