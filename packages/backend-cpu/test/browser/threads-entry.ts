// Runs inside Chromium (bundled by test/chromium-threads.test.ts): the cpu backend with 2 threads
// and with 1, on a MatMul large enough to split and a weight norm, reporting what ran where.
import { createCpuBackend } from '../../src/index.js';
import type { CpuStorage } from '../../src/cpu-storage.js';

export interface ThreadsReport {
  crossOriginIsolated: boolean;
  threads: number;
  helpersReady: number;
  describe: string;
  /** MatMul and WeightNorm on 2 threads equal, bit for bit, the same on 1 thread. */
  sameAsOneThread: boolean;
  /** Worst |MatMul − float64 triple loop| ÷ (k·2⁻²³·Σ|terms|): ≤ 1 is within float32 accumulation. */
  matmulErrorRatio: number;
  error?: string;
}

declare global {
  interface Window {
    __threads?: Promise<ThreadsReport>;
  }
}

function random(n: number, seed: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    seed = (seed * 16807) % 2147483647;
    out[i] = seed / 2147483647 - 0.5;
  }
  return out;
}

async function run(): Promise<ThreadsReport> {
  const [m, n, k] = [96, 200, 130];
  const a = random(m * k, 7);
  const b = random(k * n, 11);
  const v = random(64 * 300, 13);
  const g = random(64, 17).map((x) => x + 1);
  const two = createCpuBackend({ threads: 2 });
  const one = createCpuBackend({ threads: 1 });
  const runtime = two.context.wasm;
  // Helpers start asynchronously; give them a few seconds.
  for (const t0 = performance.now(); runtime && runtime.threads > 1 && runtime.helpersReady() < 1 && performance.now() - t0 < 10_000; ) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const compute = (backend: ReturnType<typeof createCpuBackend>) => {
    const up = (data: Float32Array) => backend.upload(data, 'float32') as CpuStorage;
    const mm = backend.kernels.get('MatMul')!.run(
      backend.context,
      { a: { storage: up(a), shape: [1, m, k], dtype: 'float32' }, b: { storage: up(b), shape: [1, k, n], dtype: 'float32' } },
      {},
      { shape: [1, m, n], dtype: 'float32' },
    ) as Float32Array;
    const wn = backend.kernels.get('WeightNorm')!.run(
      backend.context,
      { v: { storage: up(v), shape: [64, 300], dtype: 'float32' }, g: { storage: g, shape: [64, 1], dtype: 'float32' } },
      { axis: 0, eps: 0 },
      { shape: [64, 300], dtype: 'float32' },
    ) as Float32Array;
    return [mm.slice(), wn.slice()];
  };
  // Large enough that the 2-thread backend splits the product (≥ 2²⁰ multiply-adds would; this
  // is 2.5·10⁶), small enough for SwiftShader-era CI machines.
  const [mm2, wn2] = compute(two);
  const [mm1, wn1] = compute(one);
  let worst = 0;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      let mag = 0;
      for (let p = 0; p < k; p++) {
        s += a[i * k + p]! * b[p * n + j]!;
        mag += Math.abs(a[i * k + p]! * b[p * n + j]!);
      }
      worst = Math.max(worst, Math.abs(mm2![i * n + j]! - s) / (mag * k * 2 ** -23 + 1e-30));
    }
  }
  const same = (x: Float32Array, y: Float32Array) => x.length === y.length && x.every((e, i) => Object.is(e, y[i]));
  return {
    crossOriginIsolated: globalThis.crossOriginIsolated === true,
    threads: runtime?.threads ?? 0,
    helpersReady: runtime?.helpersReady() ?? 0,
    describe: two.describe?.() ?? '',
    sameAsOneThread: same(mm1!, mm2!) && same(wn1!, wn2!),
    matmulErrorRatio: worst,
  };
}

window.__threads = run().catch((e: unknown) => ({
  crossOriginIsolated: false,
  threads: 0,
  helpersReady: 0,
  describe: '',
  sameAsOneThread: false,
  matmulErrorRatio: Infinity,
  error: e instanceof Error ? `${e.message}\n${e.stack}` : String(e),
}));
