import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
// The built coordinator: it forks dist/harness/worker-main.js for each contender.
import { runBench, type BenchOptions } from '../dist/harness/run-bench.js';

const options = (over: Partial<BenchOptions>): BenchOptions => ({
  quick: true,
  only: [],
  iters: 3,
  minIters: 3,
  warmup: 1,
  budgetMs: 10_000,
  maxRetries: 1,
  callTimeoutMs: 60_000,
  settleMs: 0,
  python: '/usr/bin/python3',
  torchScript: fileURLToPath(new URL('../../../tools/bench/torch_worker.py', import.meta.url)),
  workDir: join(tmpdir(), `weightnorm-bench-test-${process.pid}-${Math.random().toString(36).slice(2)}`),
  ...over,
});

describe('runBench', () => {
  it('--quick checks every selected contender against ours-cpu and times nothing', async () => {
    const res = await runBench(options({ only: ['W1', 'R', 'tfjs-cpu', 'ort-node', 'torch'] }));
    expect(res.contenders.map((c) => c.name)).toEqual(['ours-cpu', 'tfjs-cpu', 'ort-node', 'torch']);
    expect(res.cases.map((c) => c.case.id)).toEqual([
      'w1-weight-norm-64x32x3',
      'w1-weight-norm-512x512x3',
      'w1-weight-norm-4096x4096',
      'roofline-copy',
      'roofline-matmul',
    ]);
    for (const r of res.cases.flatMap((c) => c.results)) {
      expect(r.stats).toBeUndefined();
      // torch may be missing (CI has no Python): then it is skipped with its reason, never an error.
      if (r.contender === 'torch' && r.status === 'unavailable') expect(r.message).toBeTruthy();
      else expect(['ok', 'unsupported']).toContain(r.status);
    }
    const w1 = res.cases[0]!.results;
    expect(w1.find((r) => r.contender === 'ort-node')!.relError).toBeLessThan(1e-5);
    expect(res.cases[3]!.results.find((r) => r.contender === 'tfjs-cpu')!.status).toBe('unsupported');
  }, 120_000);

  it('a full run times ≥ the requested calls per contender and reports rates', async () => {
    const res = await runBench(options({ quick: false, only: ['w1-weight-norm-64x32x3', 'ort-node'] }));
    for (const r of res.cases[0]!.results) {
      expect(r.status).toBe('ok');
      expect(r.stats!.n).toBe(3);
      expect(r.stats!.min).toBeLessThanOrEqual(r.stats!.median);
      expect(r.rate).toBeGreaterThan(0);
    }
  }, 120_000);

  it('times ort-web-webgpu inside its Chromium page (CI installs Chromium; without it this fails with the reason)', async () => {
    const res = await runBench(options({ quick: false, only: ['w1-weight-norm-64x32x3', 'ort-web-webgpu'] }));
    const c = res.contenders.find((x) => x.name === 'ort-web-webgpu')!;
    expect(c.available, c.message).toBe(true);
    expect(c.device).toMatch(/^webgpu EP, 1 wasm thread, in Chromium \d+/);
    const r = res.cases[0]!.results.find((x) => x.contender === 'ort-web-webgpu')!;
    expect(r.status, r.message).toBe('ok');
    expect(r.relError).toBeLessThan(1e-5);
    expect(r.stats!.n).toBe(3);
    expect(r.stats!.min).toBeGreaterThan(0);
  }, 120_000);

  it('with maxFirstMs, a contender slower than it keeps its first call as the only, marked sample', async () => {
    const res = await runBench(options({ quick: false, maxFirstMs: 0, only: ['w1-weight-norm-64x32x3', 'ort-node'] }));
    expect(res.method.maxFirstMs).toBe(0);
    for (const r of res.cases[0]!.results) {
      expect(r.firstCallOnly).toBe(true);
      expect(r.stats!.n).toBe(1);
    }
  }, 120_000);
});

describe('pnpm bench --quick (the CLI)', () => {
  it('prints the table and exits 0 when every contender agrees', async () => {
    const run = fileURLToPath(new URL('../dist/run.js', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, [run, '--quick', '--only', 'w1-weight-norm-64x32x3,ort-node']);
    expect(stdout).toContain('| v 8×4×3 | ✓ exact | ✓ err');
  }, 120_000);
  it('records a call past --call-timeout-s as timed out, in the table, and still exits 0', async () => {
    const run = fileURLToPath(new URL('../dist/run.js', import.meta.url));
    // ours-cpu alone (naming it narrows the contenders) on W5: its checked first call loads
    // @weightnorm/hifigan, builds the generator and runs it, which cannot finish in 1 ms (a
    // 64-element weight norm can, on a quiet machine). The worker's start has its own limit.
    const { stdout } = await promisify(execFile)(process.execPath, [run, '--quick', '--call-timeout-s', '0.001', '--only', 'w5-hifigan-v1,ours-cpu']);
    expect(stdout).toContain('| tiny generator, 8 frames | timed out after 0.001 s |');
    expect(stdout).toMatch(/ours-cpu \(timed out after 0.001 s\): timed out after 0.001 s \(no reply to setup; worker killed/);
  }, 60_000);
  it('rejects an unknown --only token with the valid names (exit 2)', async () => {
    const run = fileURLToPath(new URL('../dist/run.js', import.meta.url));
    await expect(promisify(execFile)(process.execPath, [run, '--quick', '--only', 'nope'])).rejects.toMatchObject({ code: 2 });
  }, 60_000);
});
