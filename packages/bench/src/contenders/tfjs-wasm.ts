import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tfjsContender } from './tfjs.js';

/** tfjs's WebAssembly backend (XNNPACK); in Node it runs single-threaded. */
export const tfjsWasm = tfjsContender('tfjs-wasm', 'wasm', async (tf) => {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  // The .wasm files sit beside the package's entry; Node loads them from a path, not a URL.
  wasm.setWasmPaths(`${dirname(fileURLToPath(import.meta.resolve('@tensorflow/tfjs-backend-wasm')))}/`);
  await tf.setBackend('wasm');
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
  return `WebAssembly${simd ? ' SIMD' : ''}, ${threads ? 'multi-threaded' : '1 thread'}`;
}, ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm']);
