export { Module, type StateDictOptions } from './module.js';
export { Linear, type LinearOptions } from './layers/linear.js';
export { ConvLayer, type ConvLayerOptions } from './layers/conv-layer.js';
export { ConvNd, Conv1d, Conv2d, Conv3d, type ConvOptions, type PaddingMode } from './layers/conv.js';
export {
  ConvTransposeNd,
  ConvTranspose1d,
  ConvTranspose2d,
  ConvTranspose3d,
  type ConvTransposeOptions,
} from './layers/conv-transpose.js';
export { ReLU, LeakyReLU, Tanh, Sigmoid, SiLU, GELU } from './layers/activations.js';
export { Sequential, ModuleList } from './layers/sequential.js';
export { weightNorm, removeWeightNorm, foldWeightNorm, WeightNormWrapper, type WeightNormOptions } from './weight-norm.js';
export { type LoadStateDictOptions } from './state-dict/load-state-dict.js';
export { manualSeed } from './init/random.js';
export { loadSafetensors, readSafetensors, type SafetensorsFile } from './safetensors/load-safetensors.js';
export { saveSafetensors, type SaveSafetensorsOptions } from './safetensors/save-safetensors.js';
export { parseSafetensors, serializeSafetensors, type SafetensorsDType, type SafetensorsEntry } from './safetensors/index.js';
export { loadCheckpoint, readCheckpoint, readTorchCheckpoint, type CheckpointContents, type LoadCheckpointOptions, type TorchCheckpoint } from './checkpoint/index.js';
export { findWeightNorms, inferWeightNormDim, type WeightNormPair } from './cli/find-weight-norms.js';
export { foldEntries, foldWeight } from './cli/fold-entries.js';
export { toSafetensors, type FloatChoice } from './cli/to-safetensors.js';
export { valueAndGrad, type ModuleValueAndGrad } from './value-and-grad.js';
export { initWeightNormFromData, DATA_INIT_EPS } from './init-weight-norm-from-data.js';
export { Optimizer, SGD, Adam, AdamW, type OptimizerStateDict, type ParamGroup, type SgdOptions, type AdamOptions } from './optim/index.js';
