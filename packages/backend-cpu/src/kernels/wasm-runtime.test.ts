import { describe, expect, it } from 'vitest';
import { mulberry32, randomFloats } from '../../test/kernel-test-utils.js';
import type { CpuContext } from '../cpu-context.js';
import { runRowsWasm } from './run-rows-wasm.js';
import { createWasmGemm } from './wasm-gemm.js';
import { createWasmRuntime, type WasmRuntime } from './wasm-runtime.js';
import { MAX_JOBS, THREAD_WORK, type WasmJob } from './wasm-worker-pool.js';

/** Helper threads start in seconds on a busy machine (CI runs every package's tests at once). */
const HELPER_TIMEOUT = 60_000;

async function helpersUp(runtime: WasmRuntime, helpers: number): Promise<void> {
  for (let waited = 0; runtime.helpersReady() < helpers; waited += 10) {
    expect(waited).toBeLessThan(20_000);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** The fused weight norm over `rows` rows on `runtime`, through the row runner the kernel uses. */
function weightNormWasm(ctx: CpuContext, runtime: WasmRuntime, v: Float32Array, g: Float32Array, rows: number, cols: number, eps: number): Float32Array {
  const operands = [{ array: v, perRow: cols }, { array: g, perRow: 1 }];
  return runRowsWasm(ctx, runtime, rows, operands, [cols], (_r0, n, [vAt, gAt, wAt]) => ['weightNormRows', vAt!, gAt!, wAt!, n, cols, eps])![0]!;
}

function contextOn(runtime: WasmRuntime): CpuContext {
  return {
    convTile: 128,
    gemm: () => {},
    wasm: runtime,
    alloc: (size, zeroed) => runtime.heap.f32(size, zeroed) ?? new Float32Array(size),
    free: (array) => runtime.heap.release(array),
  };
}

describe('createWasmRuntime', () => {
  it('puts tensors on a shared memory in Node, so views survive its growth', () => {
    const runtime = createWasmRuntime()!;
    expect(runtime.shared).toBe(true);
    expect(runtime.threads).toBe(1);
    expect(runtime.memory.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('runs on a plain memory too, where only temporaries live in the heap (its growth detaches views)', () => {
    const plain = createWasmRuntime(1, { share: false })!;
    expect(plain.shared).toBe(false);
    expect(plain.memory.buffer).toBeInstanceOf(ArrayBuffer);
    const ctx = contextOn(plain);
    expect(plain.heap.f32(4)).toBeUndefined();
    const gemm = createWasmGemm(plain);
    const random = mulberry32(4);
    // Large enough to grow the memory several times over while the GEMM copies its operands in.
    const [m, n, k] = [200, 300, 400];
    const a = randomFloats(m * k, random);
    const b = randomFloats(k * n, random);
    const c = new Float32Array(m * n);
    gemm(m, n, k, a, 0, k, 1, b, 0, n, c, 0, n, false);
    let s = 0;
    for (let p = 0; p < k; p++) s += a[5 * k + p] * b[p * n + 7];
    expect(c[5 * n + 7]).toBeCloseTo(s, 3);
    const w = weightNormWasm(ctx, plain, Float32Array.of(3, 4, 0, 5), Float32Array.of(10, 2), 2, 2, 0);
    expect([...w]).toEqual([6, 8, 0, 2]);
    expect(plain.heap.stats().live).toBe(0);
  });

  it('splits weight norm rows across helpers, bit for bit as on one thread', async () => {
    const one = createWasmRuntime(1)!;
    const three = createWasmRuntime(3)!;
    await helpersUp(three, 2);
    const random = mulberry32(21);
    const [rows, cols] = [301, 517];
    const v = randomFloats(rows * cols, random);
    const g = Float32Array.from({ length: rows }, () => random() * 2);
    const a = weightNormWasm(contextOn(one), one, v, g, rows, cols, 1e-12);
    const b = weightNormWasm(contextOn(three), three, v, g, rows, cols, 1e-12);
    expect(b).toEqual(a);
    // Row 0 has norm g[0].
    let s = 0;
    for (let i = 0; i < cols; i++) s += a[i] * a[i];
    expect(Math.sqrt(s)).toBeCloseTo(g[0], 4);
  }, HELPER_TIMEOUT);

  it('reports a job that traps on any thread, waits for the others, and keeps working after', async () => {
    const runtime = createWasmRuntime(2)!;
    await helpersUp(runtime, 1);
    const beyond = 2 ** 31 - 64; // past the memory's end: the job's loads trap
    const jobs: WasmJob[] = [
      ['gemm', 0, 1, 1, 0, 1, 1, 0, 1, 0, 1, 1, 0, THREAD_WORK], // M = 0: nothing to do
      ['gemm', 4, 8, 4, beyond, 4, 1, beyond, 8, beyond, 8, 1, 0, THREAD_WORK],
      ['gemm', 0, 1, 1, 0, 1, 1, 0, 1, 0, 1, 1, 0, THREAD_WORK],
    ];
    // Whichever thread claims the bad job, the run throws (a helper's trap is reported by name).
    for (let i = 0; i < 20; i++) expect(() => runtime.parallel(jobs)).toThrow(/worker thread trapped in gemm|out of bounds/);
    const v = Float32Array.of(3, 4);
    expect([...weightNormWasm(contextOn(runtime), runtime, v, Float32Array.of(10), 1, 2, 0)]).toEqual([6, 8]);
  }, HELPER_TIMEOUT);

  it('runs every job exactly once, whichever thread takes it, across many runs', async () => {
    const runtime = createWasmRuntime(3)!;
    await helpersUp(runtime, 2);
    // Each job adds 1 to its own cell (y = y + ones), so a job run twice or skipped shows.
    const cells = 64;
    const y = runtime.heap.f32(cells * 4)!;
    const ones = runtime.heap.f32(4)!;
    ones.fill(1);
    const [yAt, onesAt] = [runtime.heap.addressOf(y), runtime.heap.addressOf(ones)];
    // At least 500 runs, and on until the helpers have taken part (they poll between runs this
    // close together, but a loaded machine may not schedule them for a while), so claims raced.
    let [total, here, runs] = [0, 0, 0];
    for (; runs < 500 || (here === total && runs < 200_000); runs++) {
      const count = 1 + (runs % cells);
      const jobs: WasmJob[] = Array.from({ length: count }, (_, i) => ['binaryF32', 0, yAt + i * 16, 1, onesAt, 1, yAt + i * 16, 4]);
      here += runtime.parallel(jobs);
      total += count;
    }
    expect(here).toBeLessThan(total);
    const want = Array.from({ length: cells }, (_, i) => {
      let n = 0;
      for (let r = 0; r < runs; r++) if (i < 1 + (r % cells)) n++;
      return n;
    });
    expect(Array.from({ length: cells }, (_, i) => y[i * 4])).toEqual(want);
    expect(() => runtime.parallel(Array.from({ length: MAX_JOBS + 1 }, (): WasmJob => ['gemm', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, THREAD_WORK]))).toThrow(RangeError);
  }, HELPER_TIMEOUT);
});
