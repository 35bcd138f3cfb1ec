import { fromFloat16Bits, roundToFloat16, toFloat16Bits, type DType } from '@weightnorm/core';
import { describe, expect, it } from 'vitest';
import { gemmPaths, mulberry32, naiveMatmul, runKernel, tensor } from '../../test/kernel-test-utils.js';
import type { GemmFn } from './gemm-fn.js';
import type { CpuStorage } from '../cpu-storage.js';
import { matmul } from './matmul.js';

describe.each(gemmPaths)('MatMul kernel ($name GEMM)', ({ name, gemm }: { name: string; gemm: GemmFn }) => {
  const run = (a: CpuStorage, b: CpuStorage, [batch, m, k, n]: number[], dtype: DType = 'float32'): CpuStorage =>
    runKernel(matmul, { a: tensor(a, [batch, m, k], dtype), b: tensor(b, [batch, k, n], dtype) }, {}, { shape: [batch, m, n], dtype }, { gemm });

  it('multiplies a batch of 2×2 matrices by hand', () => {
    const a = Float32Array.of(1, 2, 3, 4, 0, 1, 1, 0);
    const b = Float32Array.of(5, 6, 7, 8, 1, 2, 3, 4);
    expect([...run(a, b, [2, 2, 2, 2])]).toEqual([19, 22, 43, 50, 3, 4, 1, 2]);
  });

  it('matches a float64 reference per batch item on odd sizes', () => {
    const random = mulberry32(2);
    const [batch, m, k, n] = [3, 7, 131, 19];
    const a = Float32Array.from({ length: batch * m * k }, () => random() - 0.5);
    const b = Float32Array.from({ length: batch * k * n }, () => random() - 0.5);
    const c = run(a, b, [batch, m, k, n]);
    for (let i = 0; i < batch; i++) {
      const bi = b.subarray(i * k * n, (i + 1) * k * n);
      const want = naiveMatmul(m, n, k, (r, p) => a[i * m * k + r * k + p], bi);
      const mag = naiveMatmul(m, n, k, (r, p) => Math.abs(a[i * m * k + r * k + p]), bi.map(Math.abs));
      for (let r = 0; r < m; r++) {
        for (let j = 0; j < n; j++) {
          const got = c[i * m * n + r * n + j];
          // TypeScript accumulates in float64 and rounds once: exact. WebAssembly accumulates in
          // float32 like torch: within k roundings of Σ|terms|.
          if (name === 'typescript') expect(got).toBe(Math.fround(want[r * n + j]));
          else expect(Math.abs(got - want[r * n + j])).toBeLessThanOrEqual(mag[r * n + j] * (k + 1) * 2 ** -24);
        }
      }
    }
  });

  it('gives zeros for K = 0 and nothing for an empty batch', () => {
    expect([...run(new Float32Array(0), new Float32Array(0), [1, 2, 0, 2])]).toEqual([0, 0, 0, 0]);
    expect(run(new Float32Array(0), new Float32Array(0), [0, 2, 3, 2]).length).toBe(0);
  });

  it('multiplies int32 exactly, wrapping modulo 2^32 like torch', () => {
    const random = mulberry32(4);
    const [m, k, n] = [3, 5, 4];
    const a = Int32Array.from({ length: m * k }, () => Math.floor(random() * 80000) - 40000);
    const b = Int32Array.from({ length: k * n }, () => Math.floor(random() * 80000) - 40000);
    const c = run(a, b, [1, m, k, n], 'int32');
    expect(c).toBeInstanceOf(Int32Array);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0n;
        for (let p = 0; p < k; p++) s += BigInt(a[i * k + p]) * BigInt(b[p * n + j]);
        expect(c[i * n + j]).toBe(Number(BigInt.asIntN(32, s)));
      }
    }
    expect([...run(Int32Array.of(65536), Int32Array.of(65536), [1, 1, 1, 1], 'int32')]).toEqual([0]);
  });

  it('rounds a float16 product once from the float32 result', () => {
    const random = mulberry32(3);
    const a = toFloat16Bits(Array.from({ length: 2 * 3 * 5 }, () => random() * 4 - 2));
    const b = toFloat16Bits(Array.from({ length: 2 * 5 * 4 }, () => random() * 4 - 2));
    const half = run(a, b, [2, 3, 5, 4], 'float16');
    const single = run(fromFloat16Bits(a), fromFloat16Bits(b), [2, 3, 5, 4]);
    expect([...fromFloat16Bits(half as Uint16Array)]).toEqual([...single].map(roundToFloat16));
  });
});
