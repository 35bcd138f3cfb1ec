// The module's entry: every float32 kernel the CPU backend runs as WebAssembly, in one module so
// they share one memory (where tensors live) and one pool of worker instances.
export { gemm, workBytes, heapBase } from './gemm-f32';
export { weightNormRows, weightNormGradGRows, weightNormGradVRows } from './weight-norm-f32';
export { binaryF32, whereF32, chainF32 } from './elementwise-f32';
export { transposeF32 } from './transpose-f32';
