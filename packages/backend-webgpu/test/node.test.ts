import { beforeAll, describe, expect, it } from 'vitest';
import { bundle } from './bundle.js';
import { runChild } from './run-child.js';
import { REPORT_MARKER } from './suite/report-marker.js';
import type { SuiteReport } from './suite/suite-result.js';
import { NATIVE } from './native-ops.js';
import { notes, phases } from './report-lines.js';
import { fixtureGroups, fixtureRoot, suiteCaseNames } from './suite-names.js';

/**
 * The conformance suite, every torch parity fixture, core's reverse-mode gradient cases, every
 * torch gradient fixture and the torch training runs on Dawn + lavapipe, once storing float16
 * as f16 (shader-f16) with subgroup reductions, and once emulating float16 in f32 with the
 * shared-memory reductions (subgroups off). Each configuration runs in its own child
 * process: lavapipe segfaults in a fraction of processes, so a child killed by a signal is run
 * again (at most 3 times) and the count is printed; an exit with a code is reported as it is.
 */
const MAX_RETRIES = 3;

const CONFIGS = [
  { float16: 'auto', subgroups: true },
  { float16: 'emulated', subgroups: false },
] as const;

for (const options of CONFIGS) {
  const label = `float16 ${options.float16}, subgroups ${options.subgroups ? 'on' : 'off'}`;
  describe(`webgpu in Node (Dawn), ${label}`, () => {
    let report: SuiteReport | undefined;
    let failure = '';

    beforeAll(async () => {
      const script = await bundle('node-entry.ts', 'node', 'node-suite.mjs');
      const run = await runChild(script, [fixtureRoot, JSON.stringify(options)], { maxRetries: MAX_RETRIES, timeoutMs: 500_000 });
      console.log(`webgpu Node suite (${label}): ${run.retries} retr${run.retries === 1 ? 'y' : 'ies'} after lavapipe crashes${run.signals.length ? ` (${run.signals.join(', ')})` : ''}`);
      const line = run.stdout.split('\n').find((l) => l.startsWith(REPORT_MARKER));
      if (!line) {
        failure = `the child exited with code ${run.code}${run.signals.length ? ` after signals ${run.signals.join(', ')}` : ''} and no report; stderr:\n${run.stderr.slice(-4000)}`;
        return;
      }
      report = JSON.parse(line.slice(REPORT_MARKER.length)) as SuiteReport;
      console.log(`${report.device} — ${(report.ms / 1000).toFixed(1)} s (${phases(report)})\n${report.table}${notes(report)}`);
    }, 1_600_000);

    it('runs on an adapter and runs every composable op natively', () => {
      expect(report, failure).toBeDefined();
      expect(report!.missingRequired).toEqual([]);
      for (const op of NATIVE) expect(report!.native).toContain(op);
      if (options.float16 === 'emulated') expect(report!.device).toContain('float16 emulated in f32');
      expect(report!.device).toContain(options.subgroups ? 'subgroups on' : 'subgroups off');
    });

    it('finds the torch fixtures', () => {
      expect(fixtureGroups.parity.names.length).toBeGreaterThanOrEqual(10);
      expect(fixtureGroups.grad.names.length).toBeGreaterThanOrEqual(40);
      expect(fixtureGroups.train.names.length).toBeGreaterThanOrEqual(1);
    });

    for (const name of suiteCaseNames) {
      it(name, () => {
        expect(report, failure).toBeDefined();
        const r = report!.results.find((x) => x.name === name);
        expect(r, `${name} is missing from the report`).toBeDefined();
        expect(r!.passed, r!.error).toBe(true);
      });
    }
  });
}
