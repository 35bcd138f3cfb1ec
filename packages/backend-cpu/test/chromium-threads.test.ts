import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ThreadsReport } from './browser/threads-entry.js';

/**
 * The WebAssembly kernels' threads in a real browser: Web Workers sharing the module's memory when
 * the page is cross-origin isolated (COOP + COEP headers), one thread otherwise. Chromium comes
 * from Debian's package (.ci/install-system-deps installs it); a missing one fails, never skips.
 */
const CHROMIUM = process.env.WEIGHTNORM_CHROMIUM ?? '/usr/bin/chromium';
const PAGE = '<!doctype html><meta charset="utf-8"><title>cpu threads</title><script type="module" src="entry.js"></script>';
const ISOLATION = { 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' };

describe('cpu backend threads in Chromium', () => {
  let browser: Browser | undefined;
  let server: Server | undefined;
  let base = '';

  beforeAll(async () => {
    expect(existsSync(CHROMIUM), `no Chromium at ${CHROMIUM} (install Debian's chromium, or set WEIGHTNORM_CHROMIUM)`).toBe(true);
    const outDir = fileURLToPath(new URL('../node_modules/.cache/weightnorm-cpu-test/', import.meta.url));
    mkdirSync(outDir, { recursive: true });
    const outfile = `${outDir}threads-entry.js`;
    await build({
      entryPoints: [fileURLToPath(new URL('./browser/threads-entry.ts', import.meta.url))],
      bundle: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      outfile,
      external: ['node:*'],
      logLevel: 'error',
    });
    const script = readFileSync(outfile);
    // /isolated/ sends the headers that make a page cross-origin isolated; /plain/ does not.
    server = createServer((req, res) => {
      const [, mode, file] = /^\/(isolated|plain)\/(.*)$/.exec(req.url ?? '') ?? [];
      const headers = mode === 'isolated' ? ISOLATION : {};
      if (file === '') res.writeHead(200, { 'content-type': 'text/html', ...headers }).end(PAGE);
      else if (file === 'entry.js') res.writeHead(200, { 'content-type': 'text/javascript', ...headers }).end(script);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  async function report(mode: 'isolated' | 'plain'): Promise<ThreadsReport> {
    const page = await browser!.newPage();
    const logs: string[] = [];
    page.on('pageerror', (e) => logs.push(`pageerror: ${e.message}`));
    page.on('console', (m) => logs.push(`${m.type()}: ${m.text()}`));
    await page.goto(`${base}/${mode}/`);
    await page.waitForFunction(() => window.__threads !== undefined, undefined, { timeout: 30_000 }).catch((e: unknown) => {
      throw new Error(`${e instanceof Error ? e.message : String(e)}\n${logs.join('\n')}`);
    });
    const r = (await page.evaluate(() => window.__threads!)) as ThreadsReport;
    await page.close();
    expect(r.error, `${r.error}\n${logs.join('\n')}`).toBeUndefined();
    return r;
  }

  it('splits kernels across Web Workers in a cross-origin isolated page, bit for bit as one thread', async () => {
    const r = await report('isolated');
    expect(r.crossOriginIsolated).toBe(true);
    expect(r.threads).toBe(2);
    expect(r.helpersReady).toBe(1);
    expect(r.describe).toContain('on 2 threads, tensors in its heap');
    expect(r.sameAsOneThread).toBe(true);
    expect(r.matmulErrorRatio).toBeLessThanOrEqual(1);
  }, 60_000);

  it('runs on one thread where the page is not isolated (no workers may share memory)', async () => {
    const r = await report('plain');
    expect(r.crossOriginIsolated).toBe(false);
    expect(r.threads).toBe(1);
    expect(r.helpersReady).toBe(0);
    expect(r.describe).toContain('on 1 thread');
    expect(r.sameAsOneThread).toBe(true);
    expect(r.matmulErrorRatio).toBeLessThanOrEqual(1);
  }, 60_000);
});
