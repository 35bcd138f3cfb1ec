import { parseSafetensors } from '../safetensors/parse-safetensors.js';
import type { SafetensorsEntry } from '../safetensors/safetensors-entry.js';
import { readTorchCheckpoint } from './read-torch-checkpoint.js';

/**
 * The tensors of a checkpoint file of either format, in file order, before they become Tensors.
 *
 * @example
 * const { format, tensors } = readCheckpoint(bytes);
 */
export interface CheckpointContents {
  format: 'pt' | 'safetensors';
  tensors: Map<string, SafetensorsEntry>;
  /** safetensors `__metadata__` (empty for .pt). */
  metadata: Record<string, string>;
  /** .pt leaves that are not tensors, by dotted key (empty for safetensors). */
  skipped: Map<string, unknown>;
}

/**
 * True for bytes torch.save wrote: a zip (local header "PK\x03\x04", or "PK\x05\x06" for an empty
 * archive), or the legacy raw pickle, which opens with a PROTO opcode and torch's magic number as a
 * LONG1 (80 0? 8a 0a); readTorchCheckpoint rejects that one with advice. Read as a safetensors
 * header length, the legacy prefix and "PK\x05\x06" are beyond the 100 MB cap, and "PK\x03\x04" would be
 * exactly 67,324,752 bytes of JSON, so no real safetensors file is misread.
 */
function looksLikeTorch(bytes: Uint8Array): boolean {
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05) && (bytes[3] === 0x04 || bytes[3] === 0x06);
  const legacy = bytes[0] === 0x80 && bytes[1]! >= 1 && bytes[1]! <= 5 && bytes[2] === 0x8a && bytes[3] === 0x0a;
  return zip || legacy;
}

/**
 * Reads a `.pt` (torch zip) or safetensors checkpoint from bytes, telling them apart by content,
 * not by file name. Every malformed file is a CheckpointError.
 *
 * @example
 * const { format, tensors } = readCheckpoint(bytes); // tensors.get('conv_pre.weight_g')
 */
export function readCheckpoint(bytes: Uint8Array): CheckpointContents {
  if (looksLikeTorch(bytes)) return { format: 'pt', metadata: {}, ...readTorchCheckpoint(bytes) };
  const { tensors, metadata } = parseSafetensors(bytes);
  return { format: 'safetensors', tensors, metadata, skipped: new Map() };
}
