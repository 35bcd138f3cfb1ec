import { describe, expect, it } from 'vitest';
import { AxisError, DTypeError, ShapeError } from '../errors/index.js';
import { concat, conv, convTranspose, normalizeWeight, pad, tensor } from '../index.js';

// Argument checks run when a node is built, so these need no backend.
describe('public op checks', () => {
  it('tensor() checks data against the shape and dtype', () => {
    expect(() => tensor([1, 2, 3], [2, 2])).toThrow('tensor: data must be 4 values for shape [2, 2]; received "3 values"');
    expect(() => tensor(new Uint16Array(2), [2])).toThrow(DTypeError);
    expect(() => tensor([1], [1], { dtype: 'float64' as never })).toThrow(/dtype must be one of float32, float16, int32/);
    expect(() => tensor([1], [-1])).toThrow(ShapeError);
    expect(tensor(new Int32Array([1, 2])).dtype).toBe('int32');
    expect(tensor(5).shape).toEqual([]);
  });

  it('broadcasting and promotion follow torch', () => {
    const a = tensor(new Float32Array(6), [3, 1, 2]);
    expect(a.add(tensor(new Float32Array(8), [4, 2])).shape).toEqual([3, 4, 2]);
    expect(() => a.add(tensor(new Float32Array(3), [3]))).toThrow(/add: other must be a shape broadcastable with \[3, 1, 2\]/);
    expect(tensor(new Int32Array([1])).add(1).dtype).toBe('int32');
    expect(tensor(new Int32Array([1])).add(0.5).dtype).toBe('float32');
    expect(tensor(new Int32Array([1])).div(2).dtype).toBe('float32');
    expect(tensor([1], [1], { dtype: 'float16' }).add(tensor([1])).dtype).toBe('float32');
    expect(tensor([1], [1], { dtype: 'float16' }).mul(3).dtype).toBe('float16');
  });

  it('reshape, permute, sum and concat name what was wrong', () => {
    const x = tensor(new Float32Array(6), [2, 3]);
    expect(x.reshape([3, -1]).shape).toEqual([3, 2]);
    expect(() => x.reshape([4, -1])).toThrow(/reshape: shape must be non-negative sizes .* whose product is 6/);
    expect(() => x.permute([0, 0])).toThrow(AxisError);
    expect(() => x.sum(2)).toThrow(/sum: axes must be/);
    expect(x.sum([0, -1]).shape).toEqual([]);
    expect(x.mean(1, true).shape).toEqual([2, 1]);
    expect(() => concat([x, tensor(new Float32Array(4), [2, 2])], 0)).toThrow(/concat: xs\[1\] must be shape \[-1, 3\]/);
    expect(() => pad(x, [[0, 0], [3, 0]], { mode: 'reflect' })).toThrow(/reflect padding of at most 2 on axis 1/);
  });

  it('conv checks rank, channels, groups and output size', () => {
    const w = tensor(new Float32Array(4 * 2 * 3), [4, 2, 3]);
    expect(conv(tensor(new Float32Array(2 * 4 * 10), [2, 4, 10]), w, null, { groups: 2, padding: 'same' }).shape).toEqual([2, 4, 10]);
    expect(() => conv(tensor(new Float32Array(30), [3, 10]), w, null)).toThrow(/conv: input must be a 3-d tensor/);
    expect(() => conv(tensor(new Float32Array(30), [1, 3, 10]), w, null)).toThrow(/input must be 2 channels on axis 1/);
    expect(() => conv(tensor(new Float32Array(4), [1, 2, 2]), w, null)).toThrow(/spatial sizes at least the dilated kernel/);
    expect(() => conv(tensor(new Float32Array(20), [1, 2, 10]), w, null, { stride: 0 })).toThrow(/stride must be an integer ≥ 1/);
  });

  it('convTranspose computes torch output sizes and checks output_padding', () => {
    const w = tensor(new Float32Array(8 * 4 * 16), [8, 4, 16]);
    expect(convTranspose(tensor(new Float32Array(8 * 10), [1, 8, 10]), w, null, { stride: 8, padding: 4 }).shape).toEqual([1, 4, 80]);
    expect(() => convTranspose(tensor(new Float32Array(80), [1, 8, 10]), w, null, { stride: 2, outputPadding: 2 })).toThrow(
      /outputPadding must be less than stride \(2\) or dilation \(1\)/,
    );
  });

  it('normalizeWeight checks g against v and dim', () => {
    const v = tensor(new Float32Array(24), [4, 2, 3]);
    expect(normalizeWeight(v, tensor(new Float32Array(4), [4, 1, 1])).shape).toEqual([4, 2, 3]);
    expect(normalizeWeight(v, tensor(new Float32Array(4), [4])).inputs[1]!.shape).toEqual([4, 1, 1]);
    expect(normalizeWeight(v, tensor(1), { dim: null }).attrs).toEqual({ axis: null, eps: 0 });
    expect(() => normalizeWeight(v, tensor(new Float32Array(2), [2, 1, 1]))).toThrow(/g must be shape \[4, 1, 1\] \(or \[4\]\)/);
    expect(() => normalizeWeight(v, tensor(1), { dim: 3 })).toThrow('normalizeWeight: dim must be an integer in [-3, 2] for a 3-d weight; received 3');
    expect(() => normalizeWeight(v, tensor(new Float32Array(4), [4]), { eps: -1 })).toThrow(/eps must be a finite number ≥ 0/);
  });
});
