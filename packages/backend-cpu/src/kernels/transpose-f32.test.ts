import { describe, expect, it } from 'vitest';
import { mulberry32, randomFloats, typescriptContext, wasmRuntime } from '../../test/kernel-test-utils.js';
import type { CpuContext } from '../cpu-context.js';
import { transposeF32 } from './transpose-f32.js';

const heap = wasmRuntime!.heap;
const wasmContext = { wasm: wasmRuntime } as CpuContext;

describe.each([
  ['WebAssembly (both arrays in the heap)', wasmContext, true],
  ['TypeScript (plain arrays)', wasmContext, false],
  ['TypeScript (no WebAssembly)', typescriptContext as CpuContext, true],
] as const)('transposeF32 — %s', (_, ctx, inHeap) => {
  // Sizes straddle the 4×4 squares and the 32×32 blocks; leading dimensions exceed the widths.
  it.each([
    [1, 1],
    [4, 4],
    [3, 5],
    [33, 70],
    [131072 / 64, 16],
    [67, 2],
  ])('writes the transpose of a %i×%i matrix and nothing else', (rows, cols) => {
    const random = mulberry32(rows * 100 + cols);
    const [lds, ldd, sOff, dOff] = [cols + 3, rows + 2, 5, 7];
    const plain = randomFloats(sOff + rows * lds, random);
    const src = inHeap ? heap.f32(plain.length, false)! : plain.slice();
    src.set(plain);
    const size = dOff + cols * ldd;
    const dst = inHeap ? heap.f32(size)! : new Float32Array(size);
    dst.fill(-9);
    transposeF32(ctx, src, sOff, lds, rows, cols, dst, dOff, ldd);
    const want = new Float32Array(size).fill(-9);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) want[dOff + j * ldd + i] = plain[sOff + i * lds + j];
    expect(dst).toEqual(want);
    if (inHeap) for (const a of [src, dst]) heap.release(a);
  });
});
