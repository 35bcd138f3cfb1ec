#!/usr/bin/env node
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCliOptions, USAGE } from './cli-options.js';
import { endProgress, progressBar } from './harness/progress-bar.js';
import { CONTENDERS } from './contenders/index.js';
import { runBench } from './harness/run-bench.js';
import { markdownReport } from './report/markdown-report.js';
import { writeResults } from './report/write-results.js';

/**
 * `pnpm bench [--quick] [--only …]`: runs the benchmark, writes results/latest.{json,md} and the
 * SVG charts (full unfiltered runs), prints the table, and exits 1 if any contender disagreed with
 * ours-cpu or failed with an error (skips for an unavailable contender or an unsupported case are
 * listed with their reason but are not failures).
 */
async function main(): Promise<number> {
  const cli = parseCliOptions(process.argv.slice(2));
  if (cli.help) {
    console.log(USAGE);
    return 0;
  }
  const unknown = cli.require.filter((n) => !CONTENDERS.some((c) => c.name === n));
  if (unknown.length > 0) throw new Error(`--require: no contender named ${unknown.join(', ')} (${CONTENDERS.map((c) => c.name).join(', ')})`);
  const outDir = cli.out ?? (!cli.quick && cli.only.length === 0 ? fileURLToPath(new URL('../results/', import.meta.url)) : null);
  const results = await runBench({
    quick: cli.quick,
    only: cli.only,
    iters: cli.iters,
    minIters: Math.min(cli.minIters, cli.iters),
    warmup: 2,
    budgetMs: cli.budgetS * 1000,
    maxRetries: 3,
    callTimeoutMs: cli.callTimeoutS * 1000,
    settleMs: cli.settleMs,
    maxFirstMs: cli.maxFirstS === null ? Infinity : cli.maxFirstS * 1000,
    python: process.env.WEIGHTNORM_BENCH_PYTHON ?? '/usr/bin/python3',
    torchScript: fileURLToPath(new URL('../../../tools/bench/torch_worker.py', import.meta.url)),
    workDir: join(tmpdir(), `weightnorm-bench-${process.pid}`),
    onProgress: progressBar(),
    // A full run takes long: keep what is done in <out>/partial.* until it completes.
    onCaseDone: (partial) => {
      if (outDir) writeResults(partial, outDir, 'partial', { charts: false });
    },
  });
  endProgress();
  console.log(markdownReport(results));
  if (outDir) {
    for (const f of writeResults(results, outDir)) console.error(`wrote ${f}`);
    for (const ext of ['json', 'md']) rmSync(join(outDir, `partial.${ext}`), { force: true });
  }
  const missing = cli.require.flatMap((n) => {
    const c = results.contenders.find((x) => x.name === n);
    return c && !c.available ? [`${n} is required but was skipped: ${c.message ?? ''}`] : [];
  });
  const bad = missing.concat(results.cases.flatMap((r) => r.results.filter((x) => x.status === 'mismatch' || x.status === 'error').map((x) => `${r.case.id} · ${x.contender}: ${x.status}: ${x.message ?? ''}`)));
  if (bad.length > 0) {
    console.error(`\n${bad.length} problem(s): a required contender skipped, a result disagreeing with ours-cpu, or an error:\n${bad.map((b) => `  ${b}`).join('\n')}`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    endProgress();
    console.error(e instanceof Error ? e.message : e);
    process.exit(2);
  },
);
