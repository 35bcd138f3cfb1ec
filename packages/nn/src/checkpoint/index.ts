export { readTorchCheckpoint, type TorchCheckpoint } from './read-torch-checkpoint.js';
export { readCheckpoint, type CheckpointContents } from './read-checkpoint.js';
export { loadCheckpoint, type LoadCheckpointOptions } from './load-checkpoint.js';
