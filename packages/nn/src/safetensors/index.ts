export { parseSafetensors } from './parse-safetensors.js';
export { serializeSafetensors } from './serialize-safetensors.js';
export type { SafetensorsDType, SafetensorsEntry } from './safetensors-entry.js';
