import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundle } from './bundle.js';
import { serveSuite } from './serve-suite.js';
import type { SuiteReport } from './suite/suite-result.js';
import { NATIVE } from './native-ops.js';
import { fixtureGroups, suiteCaseNames } from './suite-names.js';
import { notes, phases } from './report-lines.js';

/**
 * The same suite as test/node.test.ts, inside a Chromium page: the bundle of core + nn +
 * backend-webgpu runs the conformance suite, the torch parity fixtures, core's gradient cases, the
 * torch gradient fixtures and training runs (fixtures fetched from a local server) on navigator.gpu (SwiftShader), and the page's report becomes one vitest test per case.
 * Chromium comes from Debian's package (.ci/install-system-deps installs it).
 */
const CHROMIUM = process.env.WEIGHTNORM_CHROMIUM ?? '/usr/bin/chromium';
const SUITE_TIMEOUT_MS = 1_200_000;

describe('webgpu in Chromium (navigator.gpu, SwiftShader)', () => {
  let browser: Browser | undefined;
  let server: Server | undefined;
  let report: SuiteReport | undefined;
  let failure = '';

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      failure = `no Chromium at ${CHROMIUM} (install Debian's chromium, or set WEIGHTNORM_CHROMIUM)`;
      return;
    }
    const script = await bundle('browser-entry.ts', 'browser', 'browser-suite.js');
    const served = await serveSuite(script, fixtureGroups);
    server = served.server;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--no-sandbox',
        '--enable-unsafe-webgpu',
        '--use-webgpu-adapter=swiftshader',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
    const page = await browser.newPage();
    const logs: string[] = [];
    page.on('console', (m) => logs.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => logs.push(`pageerror: ${e.message}`));
    await page.goto(served.url);
    await page.waitForFunction(() => window.__suite !== undefined, undefined, { timeout: 30_000 });
    const result = (await page.evaluate(
      (ms) =>
        Promise.race([window.__suite, new Promise((resolve) => setTimeout(() => resolve({ fatal: `no report within ${ms} ms` }), ms))]),
      SUITE_TIMEOUT_MS,
    )) as SuiteReport | { fatal: string };
    if ('fatal' in result) {
      failure = `the page failed: ${result.fatal}\n${logs.slice(-30).join('\n')}`;
      return;
    }
    report = result;
    console.log(`${report.device} — ${(report.ms / 1000).toFixed(1)} s (${phases(report)})\n${report.table}${notes(report)}`);
  }, SUITE_TIMEOUT_MS + 120_000);

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  it('runs on navigator.gpu and runs every composable op natively', () => {
    expect(report, failure).toBeDefined();
    expect(report!.missingRequired).toEqual([]);
    for (const op of NATIVE) expect(report!.native).toContain(op);
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
