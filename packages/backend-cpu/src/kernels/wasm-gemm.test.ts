import { describe, expect, it } from 'vitest';
import { expectWithin, mulberry32, naiveMatmul, randomFloats } from '../../test/kernel-test-utils.js';
import { kernelsF32RelaxedWasm } from '../wasm/kernels-f32.wasm.js';
import { createWasmGemm } from './wasm-gemm.js';
import { createWasmRuntime } from './wasm-runtime.js';

const runtime = createWasmRuntime();
const gemm = runtime && createWasmGemm(runtime);

/**
 * float32 accumulation: each of the k additions rounds once, so |error| ≤ (k + 1)·2⁻²⁴·Σ|terms|
 * (γ bound, plus the accumulate-onto-C addition).
 */
function expectClose(got: Float32Array, want: Float64Array, mag: Float64Array, k: number): void {
  expectWithin(got, want, (i) => mag[i] * (k + 2) * 2 ** -24 + 1e-30);
}

describe('createWasmGemm', () => {
  it('loads in Node (WebAssembly SIMD is on in Node 20)', () => {
    expect(gemm).toBeTypeOf('function');
  });
  const g = gemm!;

  it('takes the relaxed-SIMD (fused multiply-add) build exactly where the engine validates it', () => {
    // Node 20 validates it only with --experimental-wasm-relaxed-simd (pnpm test:relaxed-simd).
    const relaxed = Uint8Array.from(atob(kernelsF32RelaxedWasm), (ch) => ch.charCodeAt(0));
    expect(runtime!.fused).toBe(WebAssembly.validate(relaxed));
  });

  // Sizes straddle the 4-row × 8-column register tile, the 512-deep and 128-row packed blocks and
  // the 512-column panel.
  const sizes: [number, number, number][] = [
    [1, 1, 1],
    [3, 5, 7],
    [4, 8, 4],
    [33, 17, 257],
    [129, 1030, 3],
    [37, 515, 131],
    [130, 9, 513],
    [7, 1040, 1100],
  ];

  it.each(sizes)('matches the float64 triple loop within float32 accumulation for M=%i N=%i K=%i', (m, n, k) => {
    const random = mulberry32(m * 1000 + n * 10 + k);
    const a = randomFloats(m * k, random);
    const b = randomFloats(k * n, random);
    const c = new Float32Array(m * n).fill(Number.NaN); // overwritten, never read
    g(m, n, k, a, 0, k, 1, b, 0, n, c, 0, n, false);
    const mag = naiveMatmul(m, n, k, (i, p) => Math.abs(a[i * k + p]), b.map(Math.abs));
    expectClose(c, naiveMatmul(m, n, k, (i, p) => a[i * k + p], b), mag, k);
  });

  it.each([
    ['transposed', 1, 70],
    ['general', 3, 211],
  ])('reads a %s A through its strides and accumulates onto C', (_, aRow, aCol) => {
    const [m, n, k] = [45, 70, 133];
    const random = mulberry32(5 + aRow);
    const a = randomFloats(1 + (m - 1) * aRow + (k - 1) * aCol, random);
    const b = randomFloats(k * n, random);
    const c0 = randomFloats(m * n, random);
    const c = c0.slice();
    g(m, n, k, a, 0, aRow, aCol, b, 0, n, c, 0, n, true);
    const at = (i: number, p: number) => a[i * aRow + p * aCol];
    const mag = naiveMatmul(m, n, k, (i, p) => Math.abs(at(i, p)), b.map(Math.abs), c0.map(Math.abs));
    expectClose(c, naiveMatmul(m, n, k, at, b, c0), mag, k);
  });

  it('honours offsets and leading dimensions, leaving the rest of C alone', () => {
    const [m, n, k] = [5, 6, 9];
    const random = mulberry32(9);
    const [lda, ldb, ldc] = [11, 8, 10];
    const a = randomFloats(3 + m * lda, random);
    const b = randomFloats(2 + k * ldb, random);
    const c = new Float32Array(4 + m * ldc).fill(7);
    g(m, n, k, a, 3, lda, 1, b, 2, ldb, c, 4, ldc, false);
    const dense = Float32Array.from({ length: k * n }, (_, i) => b[2 + Math.floor(i / n) * ldb + (i % n)]);
    const want = naiveMatmul(m, n, k, (i, p) => a[3 + i * lda + p], dense);
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < ldc; j++) {
        const got = c[4 + i * ldc + j];
        if (j < n) expect(Math.abs(got - want[i * n + j])).toBeLessThan(1e-5);
        else expect(got).toBe(7);
      }
    }
    for (let i = 0; i < 4; i++) expect(c[i]).toBe(7);
  });

  // A strided ConvTranspose tap writes every cCol-th output: C outside the heap goes through a
  // strided copy, C inside it through the module's strided tile stores.
  it.each([
    ['outside the heap', false, 3, 37, 70, 41],
    ['in the heap', true, 8, 45, 1030, 260],
    ['in the heap, ragged', true, 2, 6, 13, 5],
  ])('writes C with strided columns (%s), leaving the gaps alone', (_, inHeap, cCol, m, n, k) => {
    const random = mulberry32(cCol * 100 + m);
    const a = randomFloats(m * k, random);
    const b = randomFloats(k * n, random);
    const ldc = n * cCol + 3;
    const size = 2 + m * ldc;
    const c = inHeap ? runtime!.heap.f32(size)! : new Float32Array(size);
    const c0 = randomFloats(size, random);
    c.set(c0);
    g(m, n, k, a, 0, k, 1, b, 0, n, c, 2, ldc, true, cCol);
    const dense = Float32Array.from({ length: m * n }, (_, i) => c0[2 + Math.floor(i / n) * ldc + (i % n) * cCol]);
    const want = naiveMatmul(m, n, k, (i, p) => a[i * k + p], b, dense);
    const mag = naiveMatmul(m, n, k, (i, p) => Math.abs(a[i * k + p]), b.map(Math.abs), dense.map(Math.abs));
    const got = Float32Array.from({ length: m * n }, (_, i) => c[2 + Math.floor(i / n) * ldc + (i % n) * cCol]);
    expectClose(got, want, mag, k);
    const touched = [];
    for (let i = 0; i < size; i++) {
      const r = i - 2;
      const onGrid = r >= 0 && r % ldc < n * cCol && (r % ldc) % cCol === 0;
      if (!onGrid && c[i] !== c0[i]) touched.push(i);
    }
    expect(touched).toEqual([]);
    if (inHeap) runtime!.heap.release(c);
  });

  it('grows its memory for a large product, then still serves a small one', () => {
    const [m, n, k] = [300, 700, 600]; // ~3 MB of operands: past the first page many times over
    const random = mulberry32(11);
    const a = randomFloats(m * k, random);
    const b = randomFloats(k * n, random);
    const c = new Float32Array(m * n);
    g(m, n, k, a, 0, k, 1, b, 0, n, c, 0, n, false);
    for (const [i, j] of [[0, 0], [m - 1, n - 1], [150, 333]]) {
      let s = 0;
      let mag = 0;
      for (let p = 0; p < k; p++) {
        s += a[i * k + p] * b[p * n + j];
        mag += Math.abs(a[i * k + p] * b[p * n + j]);
      }
      expect(Math.abs(c[i * n + j] - s)).toBeLessThanOrEqual(mag * (k + 2) * 2 ** -24);
    }
    const small = new Float32Array(1);
    g(1, 1, 2, Float32Array.of(2, 3), 0, 2, 1, Float32Array.of(5, 7), 0, 1, small, 0, 1, false);
    expect(small[0]).toBe(31);
  });

  it('writes zeros for K = 0 and does nothing for M = 0 or N = 0', () => {
    const c = new Float32Array(6).fill(3);
    g(2, 3, 0, new Float32Array(0), 0, 0, 1, new Float32Array(0), 0, 3, c, 0, 3, false);
    expect([...c]).toEqual([0, 0, 0, 0, 0, 0]);
    const d = new Float32Array(6).fill(3);
    g(2, 3, 0, new Float32Array(0), 0, 0, 1, new Float32Array(0), 0, 3, d, 0, 3, true);
    expect([...d]).toEqual([3, 3, 3, 3, 3, 3]);
    g(0, 3, 4, new Float32Array(0), 0, 4, 1, new Float32Array(12), 0, 3, d, 0, 3, false);
    g(2, 0, 4, new Float32Array(8), 0, 4, 1, new Float32Array(0), 0, 0, d, 0, 0, false);
    expect([...d]).toEqual([3, 3, 3, 3, 3, 3]);
  });

  it('propagates NaN and Infinity instead of skipping zeros', () => {
    const c = new Float32Array(1);
    g(1, 1, 2, Float32Array.of(0, 1), 0, 2, 1, Float32Array.of(Infinity, 1), 0, 1, c, 0, 1, false);
    expect(c[0]).toBeNaN();
  });

  it('splits a product across worker threads by columns or rows, bit for bit as on one thread', async () => {
    const runtime3 = createWasmRuntime(3)!;
    const threaded = createWasmGemm(runtime3);
    expect(runtime3.threads).toBe(3);
    for (let waited = 0; runtime3.helpersReady() < 2; waited += 10) {
      expect(waited).toBeLessThan(20_000);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    // Wide (split by columns, with ragged last slice), narrow (by rows), transposed A + accumulate.
    for (const [m, n, k, transposed] of [
      [70, 301, 260, false],
      [1030, 5, 300, false],
      [64, 200, 129, true],
    ] as const) {
      const random = mulberry32(m + n + k);
      const a = randomFloats(m * k, random);
      const b = randomFloats(k * n, random);
      const c0 = randomFloats(m * n, random);
      const [aRow, aCol] = transposed ? [1, m] : [k, 1];
      const one = c0.slice();
      const many = c0.slice();
      g(m, n, k, a, 0, aRow, aCol, b, 0, n, one, 0, n, transposed);
      threaded(m, n, k, a, 0, aRow, aCol, b, 0, n, many, 0, n, transposed);
      expect(many).toEqual(one);
      expect(one).not.toEqual(c0);
    }
    // Strided columns in the shared heap: each thread's slice starts cCol·start elements in.
    const [m, n, k, cCol] = [40, 300, 200, 4];
    const random = mulberry32(77);
    const a = randomFloats(m * k, random);
    const b = randomFloats(k * n, random);
    const one = runtime3.heap.f32(m * n * cCol)!;
    const many = runtime3.heap.f32(m * n * cCol)!;
    g(m, n, k, a, 0, k, 1, b, 0, n, one, 0, n * cCol, false, cCol);
    threaded(m, n, k, a, 0, k, 1, b, 0, n, many, 0, n * cCol, false, cCol);
    expect(many).toEqual(one);
    expect(one.some((v, i) => i % cCol !== 0 && v !== 0)).toBe(false);
  }, 60_000); // helper threads can take seconds to start on a busy machine
});
