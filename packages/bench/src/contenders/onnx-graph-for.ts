import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BenchCase } from '../workloads/bench-case.js';
import { UnsupportedCaseError } from './unsupported-case-error.js';

const ONNX_DIR = fileURLToPath(new URL('../../onnx/', import.meta.url));

/**
 * The committed graph (packages/bench/onnx, from tools/bench/export_onnx.py) that computes a case;
 * conv graphs are exported per input-channel count (the full and the --quick size).
 */
export function onnxGraphFor(c: BenchCase): { file: string; bytes: Uint8Array } {
  let file: string;
  switch (c.kind) {
    case 'weight-norm':
      file = `w1-weight-norm-${c.outputShape.length}d.onnx`;
      break;
    case 'conv1d':
      file = `w2-conv1d-d${c.attrs.dilation}-${c.mode}-c${c.inputs[0]!.shape[1]}.onnx`;
      break;
    case 'conv-transpose1d':
      file = `w3-conv-transpose1d-${c.mode}-c${c.inputs[0]!.shape[1]}.onnx`;
      break;
    case 'matmul':
      file = 'roofline-matmul.onnx';
      break;
    case 'hifigan':
      file = `w5-hifigan-c${c.hifigan!.upsample_initial_channel}.onnx`;
      break;
    case 'train-step':
      throw new UnsupportedCaseError('onnxruntime-node/-web have no training API (onnxruntime-training is a separate build)');
    default:
      throw new UnsupportedCaseError(`no ONNX graph for ${c.kind}`);
  }
  return { file, bytes: new Uint8Array(readFileSync(ONNX_DIR + file)) };
}
