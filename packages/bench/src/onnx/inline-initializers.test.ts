import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { inlineInitializers } from './inline-initializers.js';
import { protobufFields } from './protobuf-fields.js';

const graph = (name: string): Uint8Array => new Uint8Array(readFileSync(fileURLToPath(new URL(`../../onnx/${name}`, import.meta.url))));

describe('inlineInitializers', () => {
  it('turns graph inputs into constants that onnxruntime uses', async () => {
    const model = graph('w2-conv1d-d1-cached-c16.onnx');
    const [C, K, L] = [16, 3, 5];
    const w = Float32Array.from({ length: C * C * K }, (_, i) => Math.sin(i));
    const b = Float32Array.from({ length: C }, (_, i) => i / 10);
    const x = Float32Array.from({ length: C * L }, (_, i) => Math.cos(i));
    const feed = (data: Float32Array, dims: number[]) => new ort.Tensor('float32', data, dims);

    const withInputs = await ort.InferenceSession.create(model);
    const expected = (await withInputs.run({ x: feed(x, [1, C, L]), w: feed(w, [C, C, K]), b: feed(b, [C]) })).y!.data as Float32Array;

    const inlined = inlineInitializers(model, new Map([['w', { data: w, shape: [C, C, K] }], ['b', { data: b, shape: [C] }]]));
    const session = await ort.InferenceSession.create(inlined);
    expect(session.inputNames).toEqual(['x']);
    const got = (await session.run({ x: feed(x, [1, C, L]) })).y!.data as Float32Array;
    expect([...got]).toEqual([...expected]);
  });
  it('names a missing input', () => {
    expect(() => inlineInitializers(graph('w1-weight-norm-2d.onnx'), new Map([['w', { data: new Float32Array(1), shape: [1] }]]))).toThrow(
      /no input named w/,
    );
  });
});

describe('protobufFields', () => {
  it('splits a message into fields and rejects truncation', () => {
    // field 1 varint 150, field 2 bytes "hi"
    const msg = new Uint8Array([0x08, 0x96, 0x01, 0x12, 0x02, 0x68, 0x69]);
    expect(protobufFields(msg).map((f) => [f.field, f.wire, f.start, f.end])).toEqual([[1, 0, 0, 3], [2, 2, 3, 7]]);
    expect(() => protobufFields(msg.subarray(0, 6))).toThrow(/runs past the end/);
  });
});
