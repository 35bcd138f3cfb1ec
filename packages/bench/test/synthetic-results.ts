import type { BenchResults } from '../src/harness/results.js';
import { WORKLOADS } from '../src/workloads/index.js';

/** A small hand-made result set: cases with a fast and a slow peer, ours, a skip, a mismatch and a time-out. */
export function syntheticResults(): BenchResults {
  const all = WORKLOADS.flatMap((w) => w.cases(false));
  const conv = all.find((c) => c.id === 'w2-conv1d-d1-cached')!;
  const copy = all.find((c) => c.id === 'roofline-copy')!;
  const matmul = all.find((c) => c.id === 'roofline-matmul')!;
  const timed = (contender: string, median: number, c = conv) => ({
    contender,
    status: 'ok' as const,
    stats: { n: 10, median, min: median * 0.9, max: median * 1.2 },
    rate: (c.metric === 'GFLOP/s' ? c.flops : c.bytes) / (median * 1e6),
    maxAbsError: 1e-6,
    relError: 1e-7,
    retries: 0,
  });
  return {
    generatedAt: '2026-11-27T10:00:00.000Z',
    quick: false,
    machine: { cpu: 'Test CPU', cores: 2, memoryGiB: 8, os: 'Linux', node: 'v20.0.0' },
    method: { iters: 10, minIters: 3, warmup: 2, budgetMs: 60_000, maxFirstMs: null, callTimeoutMs: 300_000, settleMs: 100 },
    contenders: [
      { name: 'ours-cpu', ours: true, available: true, version: '@weightnorm/core 0.1.0', device: 'cpu' },
      { name: 'tfjs-wasm', ours: false, available: true, version: '@tensorflow/tfjs 4.22.0', device: 'wasm' },
      { name: 'ort-node', ours: false, available: true, version: 'onnxruntime-node 1.30.0', device: 'cpu' },
      { name: 'torch', ours: false, available: false, message: '/usr/bin/python3: No module named torch' },
    ],
    cases: [
      {
        case: conv,
        results: [
          timed('ours-cpu', 400),
          { ...timed('tfjs-wasm', 1000), status: 'mismatch', stats: undefined, rate: undefined, message: 'max |error| 1 > 0.001 × max |ref| 5' },
          { ...timed('ort-node', 200), retries: 2 },
          { contender: 'torch', status: 'unavailable', message: '/usr/bin/python3: No module named torch', retries: 0 },
        ],
      },
      { case: copy, results: [timed('ours-cpu', 10, copy)] },
      {
        case: matmul,
        results: [
          timed('ours-cpu', 100, matmul),
          { contender: 'tfjs-wasm', status: 'timeout', message: 'timed out after 300 s (no reply to run; worker killed, started again for the next case)', retries: 0 },
          timed('ort-node', 50, matmul),
        ],
      },
    ],
  };
}
