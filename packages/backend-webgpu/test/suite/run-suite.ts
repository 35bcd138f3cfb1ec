import { formatReport, gradientCases, runConformance, useBackend } from '@weightnorm/core/testing';
import { parityCase, runGradParityCase, runParityCase, runTrainParityCase, TRAIN_OPTIMIZERS, type ParityCheck } from '@weightnorm/nn/testing';
import { createWebgpuBackend, type WebgpuBackendOptions } from '../../src/index.js';
import type { FixtureGroup } from './fixture-groups.js';
import type { SuiteCaseResult, SuiteReport } from './suite-result.js';

export interface FixtureSource {
  readonly name: string;
  load(): Promise<Uint8Array>;
}

/** A result from a runner's checks: passed when every check did, else the failed ones. */
function fromChecks(name: string, checks: readonly ParityCheck[]): SuiteCaseResult {
  const failed = checks.filter((c) => !c.ok);
  if (checks.length === 0) return { name, passed: false, error: 'the runner made no checks' };
  return failed.length === 0 ? { name, passed: true } : { name, passed: false, error: failed.map((c) => `${c.label}: ${c.worst}`).join('; ') };
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * On one webgpu backend: the conformance suite, every torch parity fixture, core's reverse-mode
 * gradient cases, every torch gradient fixture, and the torch training runs. Runs unchanged in a
 * Node child process and inside a Chromium page; failures are collected, never thrown.
 */
export async function runSuite(options: WebgpuBackendOptions, fixtures: Record<FixtureGroup, readonly FixtureSource[]>): Promise<SuiteReport> {
  const t0 = Date.now();
  const phaseMs: Record<string, number> = {};
  let phaseStart = t0;
  const endPhase = (phase: string) => {
    const now = Date.now();
    phaseMs[phase] = now - phaseStart;
    phaseStart = now;
  };
  const backend = await createWebgpuBackend(options);
  try {
    const report = await runConformance(() => backend);
    const results: SuiteCaseResult[] = report.results.map((r) => ({
      name: `conformance: ${r.name}`,
      passed: r.passed,
      ...(r.error ? { error: r.error } : {}),
    }));
    endPhase('conformance');
    await useBackend(backend);
    for (const f of fixtures.parity) {
      const name = `parity: ${f.name}`;
      try {
        results.push(fromChecks(name, await runParityCase(await parityCase(f.name, await f.load()))));
      } catch (e) {
        results.push({ name, passed: false, error: message(e) });
      }
    }
    endPhase('parity');
    for (const c of gradientCases()) {
      const name = `gradient: ${c.name}`;
      try {
        await c.run();
        results.push({ name, passed: true });
      } catch (e) {
        results.push({ name, passed: false, error: message(e) });
      }
    }
    endPhase('gradient');
    for (const f of fixtures.grad) {
      const name = `grad parity: ${f.name}`;
      try {
        const run = await runGradParityCase(await f.load());
        results.push({ ...fromChecks(name, run.checks), relError: run.maxRelError });
      } catch (e) {
        results.push({ name, passed: false, error: message(e) });
      }
    }
    endPhase('grad parity');
    for (const f of fixtures.train) {
      for (const optimizer of TRAIN_OPTIMIZERS) {
        const name = `train parity: ${f.name} ${optimizer}`;
        try {
          const run = await runTrainParityCase(await f.load(), optimizer);
          results.push({ ...fromChecks(name, run.checks), relError: run.maxRelError, note: `${run.losses.length} steps` });
        } catch (e) {
          results.push({ name, passed: false, error: message(e) });
        }
      }
    }
    endPhase('train parity');
    return {
      device: backend.describe?.() ?? 'webgpu',
      native: report.native,
      composite: report.composite,
      missingRequired: report.missingRequired,
      results,
      table: formatReport(report),
      ms: Date.now() - t0,
      phaseMs,
    };
  } finally {
    await backend.destroy?.();
  }
}
