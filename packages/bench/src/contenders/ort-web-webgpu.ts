import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import type { Contender, PreparedCase } from './contender.js';
import { ortGraphAndFeeds } from './ort-graph-and-feeds.js';
import { packageVersion } from './package-version.js';
import { PageServer } from './page-server.js';

const CHROMIUM = process.env.WEIGHTNORM_CHROMIUM ?? '/usr/bin/chromium';
const PAGE_SCRIPT = fileURLToPath(new URL('../../page/ort-web-webgpu.mjs', import.meta.url));
/** What onnxruntime-web's webgpu bundle loads: itself, then its (asyncify) wasm and that wasm's glue. */
const ORT_FILES = {
  'ort.webgpu.bundle.min.mjs': 'text/javascript',
  'ort-wasm-simd-threaded.asyncify.mjs': 'text/javascript',
  'ort-wasm-simd-threaded.asyncify.wasm': 'application/wasm',
};

/**
 * onnxruntime-web's WebGPU EP in Chromium. In Node, Dawn (the `webgpu` package) rejects writeBuffer
 * from onnxruntime-web's SharedArrayBuffer wasm memory, so this worker launches Chromium with
 * Playwright (WebGPU on SwiftShader unless a real adapter is there), serves the bundle and
 * page/ort-web-webgpu.mjs from 127.0.0.1, and drives sessions in the page. A call is timed inside
 * the page (performance.now() around session.run + getData, the output back in the page's JS), so
 * neither the browser protocol nor moving the output to Node is measured (`timedRun`); the output
 * crosses to Node only for the correctness check. If the browser crashes or disconnects, this
 * worker exits, so the coordinator restarts it like any crashed WebGPU worker.
 */
let browser: Browser | undefined;
let page: Page;
let server: PageServer; // set by start(), before any prepare
let closing = false;
let nextId = 0;

export const ortWebWebgpu: Contender = {
  name: 'ort-web-webgpu',
  async start() {
    if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (install Debian's chromium, or set WEIGHTNORM_CHROMIUM)`);
    const { chromium } = await import('playwright-core');
    server = await PageServer.start();
    const dist = dirname(fileURLToPath(import.meta.resolve('onnxruntime-web')));
    for (const [f, type] of Object.entries(ORT_FILES)) server.file(`/ort/${f}`, `${dist}/${f}`, type);
    server.file('/page.mjs', PAGE_SCRIPT, 'text/javascript');
    server.put('/', '<!doctype html><title>ort-web-webgpu</title><script type="module" src="/page.mjs"></script>', 'text/html');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    const lost = (what: string) => () => {
      if (closing) return;
      console.error(`ort-web-webgpu: Chromium ${what}`);
      process.exit(70);
    };
    browser.on('disconnected', lost('disconnected'));
    page = await browser.newPage();
    page.on('crash', lost('page crashed'));
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(server.url);
    try {
      await page.waitForFunction(() => 'bench' in window, undefined, { timeout: 30_000 });
    } catch {
      throw new Error(`the ort-web-webgpu page did not load: ${pageErrors.join('; ') || 'no page error'}`);
    }
    const adapter = await page.evaluate(() => (window as unknown as BenchWindow).bench.adapter());
    return {
      version: `onnxruntime-web ${packageVersion('onnxruntime-web')}, Chromium ${browser.version()}`,
      device: `webgpu EP, 1 wasm thread, in Chromium ${browser.version()} on ${adapter}`,
    };
  },
  async prepare(c, inputs): Promise<PreparedCase> {
    const { bytes, feeds } = ortGraphAndFeeds(c, inputs);
    const id = `${c.id}-${nextId++}`;
    const paths = [`/case/${id}/graph.onnx`, ...feeds.map((f) => `/case/${id}/${encodeURIComponent(f.name)}.f32`)];
    server.put(paths[0]!, bytes);
    feeds.forEach((f, i) => server.put(paths[i + 1]!, new Uint8Array(f.data.buffer, f.data.byteOffset, f.data.byteLength)));
    try {
      const specs = feeds.map((f, i) => ({ name: f.name, url: paths[i + 1]!, shape: [...f.shape] }));
      await page.evaluate(([i, g, s]) => (window as unknown as BenchWindow).bench.prepare(i, g, s), [id, paths[0]!, specs] as const);
    } finally {
      for (const p of paths) server.delete(p);
    }
    const call = () => page.evaluate((i) => (window as unknown as BenchWindow).bench.run(i), id);
    let firstMs: number | undefined;
    return {
      async run() {
        const ms = await call();
        firstMs ??= ms;
        const outPath = `/case/${id}/out.f32`;
        const body = server.receive(outPath);
        await page.evaluate(([i, u]) => (window as unknown as BenchWindow).bench.send(i, u), [id, outPath] as const);
        const out = await body;
        // A copy: the request body's Buffer may sit at an offset that is not a multiple of 4.
        return new Float32Array(out.slice().buffer);
      },
      timedRun: call,
      get firstCallMs() {
        return firstMs;
      },
      async dispose() {
        await page.evaluate((i) => (window as unknown as BenchWindow).bench.dispose(i), id);
      },
    };
  },
  async stop() {
    closing = true;
    await browser?.close();
    await server?.close();
  },
};

/** The API page/ort-web-webgpu.mjs puts on window. */
interface BenchWindow {
  bench: {
    adapter(): Promise<string>;
    prepare(id: string, graphUrl: string, feeds: { name: string; url: string; shape: number[] }[]): Promise<void>;
    run(id: string): Promise<number>;
    send(id: string, url: string): Promise<void>;
    dispose(id: string): Promise<void>;
  };
}
