import { concatBytes, encodeVarint, lengthDelimited, protobufFields } from './protobuf-fields.js';

// ONNX field numbers (onnx.proto3): ModelProto.graph, GraphProto.initializer/input,
// ValueInfoProto.name, TensorProto.dims/data_type/name/raw_data; FLOAT is data type 1.
const MODEL_GRAPH = 7;
const GRAPH_INITIALIZER = 5;
const GRAPH_INPUT = 11;
const VALUE_INFO_NAME = 1;
const TENSOR_DIMS = 1;
const TENSOR_DATA_TYPE = 2;
const TENSOR_NAME = 8;
const TENSOR_RAW_DATA = 9;
const FLOAT = 1;

export interface Initializer {
  readonly data: Float32Array;
  readonly shape: readonly number[];
}

/**
 * Turns graph inputs into float32 initializers holding `values`: the committed "cached" graphs
 * take the folded weight as an input (small files); at run time it becomes a constant, so
 * onnxruntime can pre-pack it exactly as it would in a deployed model.
 */
export function inlineInitializers(model: Uint8Array, values: ReadonlyMap<string, Initializer>): Uint8Array {
  const modelFields = protobufFields(model);
  const graphField = modelFields.find((f) => f.field === MODEL_GRAPH && f.wire === 2);
  if (!graphField) throw new Error('inlineInitializers: the model has no graph');
  const graph = model.subarray(graphField.dataStart, graphField.end);
  const found = new Set<string>();
  const kept: Uint8Array[] = [];
  for (const f of protobufFields(graph)) {
    const bytes = graph.subarray(f.start, f.end);
    if (f.field === GRAPH_INPUT && f.wire === 2) {
      const name = valueInfoName(graph.subarray(f.dataStart, f.end));
      if (values.has(name)) {
        found.add(name);
        continue;
      }
    }
    kept.push(bytes);
  }
  const missing = [...values.keys()].filter((n) => !found.has(n));
  if (missing.length > 0) throw new Error(`inlineInitializers: the graph has no input named ${missing.join(', ')}`);
  for (const [name, init] of values) kept.push(lengthDelimited(GRAPH_INITIALIZER, tensorProto(name, init)));
  const newGraph = lengthDelimited(MODEL_GRAPH, concatBytes(kept));
  return concatBytes([model.subarray(0, graphField.start), newGraph, model.subarray(graphField.end)]);
}

function valueInfoName(valueInfo: Uint8Array): string {
  const f = protobufFields(valueInfo).find((x) => x.field === VALUE_INFO_NAME && x.wire === 2);
  return f ? new TextDecoder().decode(valueInfo.subarray(f.dataStart, f.end)) : '';
}

function tensorProto(name: string, init: Initializer): Uint8Array {
  const head: number[] = [];
  for (const d of init.shape) head.push(...encodeVarint(TENSOR_DIMS * 8), ...encodeVarint(d));
  head.push(...encodeVarint(TENSOR_DATA_TYPE * 8), ...encodeVarint(FLOAT));
  const raw = new Uint8Array(init.data.buffer, init.data.byteOffset, init.data.byteLength);
  return concatBytes([
    new Uint8Array(head),
    lengthDelimited(TENSOR_NAME, new TextEncoder().encode(name)),
    lengthDelimited(TENSOR_RAW_DATA, raw),
  ]);
}
