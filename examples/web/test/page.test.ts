import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readHeader } from './read-header.js';
import { serveDist } from './serve-dist.js';

/**
 * The built page (dist/, from `pnpm --filter web build`) in Debian's Chromium with SwiftShader
 * WebGPU, driven as a person would: pick a backend, vocode, read the numbers the page shows, play
 * the audio, drop a checkpoint on the inspector and download the folded file.
 */
const CHROMIUM = process.env.WEIGHTNORM_CHROMIUM ?? '/usr/bin/chromium';
const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const screenshots = fileURLToPath(new URL('../screenshots/', import.meta.url));
const hifiganAssets = fileURLToPath(new URL('../../hifigan/assets/', import.meta.url));
const clipFile = fileURLToPath(new URL('../assets/mel-clip-and-audio.safetensors', import.meta.url));
const cli = fileURLToPath(new URL('../../../packages/nn/bin/weightnorm.js', import.meta.url));
const SAMPLE_RATE = 22050;
const HOP = 256;
const RUN_TIMEOUT_MS = 400_000;

let browser: Browser | undefined;
let server: Server | undefined;
let url = '';
let page: Page;
const logs: string[] = [];

async function openPage(init?: string): Promise<Page> {
  const p = await browser!.newPage({ viewport: { width: 900, height: 900 }, deviceScaleFactor: 1, acceptDownloads: true });
  p.on('console', (m) => logs.push(`${m.type()}: ${m.text()}`));
  p.on('pageerror', (e) => logs.push(`pageerror: ${e.message}`));
  if (init) await p.addInitScript(init);
  await p.goto(url);
  await p.waitForSelector('#vocode-status:not([data-state="loading"])', { timeout: 60_000 });
  return p;
}

/** Runs the vocoder through the page's controls and returns what the page then shows. */
async function vocode(p: Page, backend: 'webgpu' | 'cpu', mel: 'clip' | 'full', fold: boolean) {
  await p.selectOption('#backend', backend);
  await p.selectOption('#mel', mel);
  await p.setChecked('#fold', fold);
  await p.click('#vocode');
  await p.waitForSelector('#vocode-status[data-state="done"], #vocode-status[data-state="failed"]', { timeout: RUN_TIMEOUT_MS });
  const status = (await p.textContent('#vocode-status')) ?? '';
  if ((await p.getAttribute('#vocode-status', 'data-state')) !== 'done') throw new Error(`${status}\n${logs.slice(-20).join('\n')}`);
  await p.waitForFunction(() => (document.getElementById('audio') as HTMLAudioElement).readyState >= 1, undefined, { timeout: 30_000 });
  return {
    status,
    error: Number(await p.getAttribute('#error', 'data-value')),
    rtf: Number(await p.getAttribute('#rtf', 'data-value')),
    rtfText: (await p.textContent('#rtf')) ?? '',
    backendInfo: (await p.textContent('#backend-info')) ?? '',
    duration: await p.evaluate(() => (document.getElementById('audio') as HTMLAudioElement).duration),
  };
}

async function screenshot(p: Page, selector: string, name: string): Promise<number> {
  mkdirSync(screenshots, { recursive: true });
  const file = `${screenshots}${name}`;
  await p.locator(selector).screenshot({ path: file });
  return statSync(file).size;
}

beforeAll(async () => {
  // Missing prerequisites fail every test below with the reason, never skip them.
  if (!existsSync(`${dist}index.html`) || !existsSync(`${dist}main.js`)) throw new Error(`no built page in ${dist}: run \`pnpm --filter web build\` first`);
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (install Debian's chromium, or set WEIGHTNORM_CHROMIUM)`);
  ({ url, server } = await serveDist(dist));
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  page = await openPage();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
});

// The short clip keeps SwiftShader's run within CI time; its torch reference was made from exactly
// that clip (tools/fixtures/gen_web_clip.py), so every sample is compared.
const clipSamples = readHeader(clipFile).audio!.shape.at(-1)!;
const fullSamples = readHeader(`${hifiganAssets}mel-and-audio.safetensors`).audio!.shape.at(-1)!;

describe('the vocoder panel', () => {
  it('finds the WebGPU adapter and offers it', async () => {
    expect(await page.getAttribute('#gpu-message', 'data-kind'), (await page.textContent('#gpu-message')) ?? '').toBe('ok');
    expect(await page.textContent('#gpu-message')).toMatch(/^WebGPU available — webgpu: /);
    expect(await page.locator('#backend option[value="webgpu"]').isDisabled()).toBe(false);
  });

  it('vocodes on webgpu within 1e-4 of torch, with an audio player of the right length', async () => {
    const r = await vocode(page, 'webgpu', 'clip', false);
    console.log(`web demo, webgpu (SwiftShader), ${clipSamples} samples: max |error| ${r.error.toExponential(2)}, RTF ${r.rtfText}; ${r.backendInfo}`);
    expect(r.backendInfo).toMatch(/^webgpu \(weight norm\) — webgpu: /);
    expect(r.error).toBeLessThanOrEqual(1e-4);
    expect(r.rtf).toBeGreaterThan(0);
    expect(clipSamples).toBe(32 * HOP);
    expect(r.duration).toBeCloseTo(clipSamples / SAMPLE_RATE, 4);
    const bytes = await screenshot(page, '#vocoder', 'vocoder-webgpu.png');
    expect(bytes).toBeLessThan(200_000);
    // Again on the same device, now folded: pipelines are compiled, so this RTF is the warm one.
    const warm = await vocode(page, 'webgpu', 'clip', true);
    console.log(`web demo, webgpu (SwiftShader), folded, second run: max |error| ${warm.error.toExponential(2)}, RTF ${warm.rtfText}`);
    expect(warm.error).toBeLessThanOrEqual(1e-4);
  }, 2 * RUN_TIMEOUT_MS + 60_000);

  it('vocodes the full mel on cpu with the weight norm folded, within 1e-4 of torch, showing progress as it goes', async () => {
    // What a person sees: progress values present at animation frames (painted), not just set in between.
    type Watch = { seen: number[]; stop: boolean };
    await page.evaluate(() => {
      const w: Watch = ((window as unknown as { progressWatch: Watch }).progressWatch = { seen: [], stop: false });
      const bar = document.getElementById('progress') as HTMLProgressElement;
      const watch = () => {
        w.seen.push(bar.value);
        if (!w.stop) requestAnimationFrame(watch);
      };
      requestAnimationFrame(watch);
    });
    const r = await vocode(page, 'cpu', 'full', true);
    const seen = await page.evaluate(() => {
      const w = (window as unknown as { progressWatch: Watch }).progressWatch;
      w.stop = true;
      return w.seen;
    });
    expect(seen.filter((v) => v > 0 && v < 1).length, `progress values painted: ${[...new Set(seen)].join(', ')}`).toBeGreaterThanOrEqual(2);
    console.log(`web demo, cpu, ${fullSamples} samples, folded: max |error| ${r.error.toExponential(2)}, RTF ${r.rtfText}`);
    expect(r.backendInfo).toMatch(/^cpu \(folded\) — cpu: /);
    expect(r.error).toBeLessThanOrEqual(1e-4);
    expect(r.duration).toBeCloseTo(fullSamples / SAMPLE_RATE, 4);
    const bytes = await screenshot(page, '#vocoder', 'vocoder-cpu.png');
    expect(bytes).toBeLessThan(200_000);
  }, RUN_TIMEOUT_MS + 60_000);

  it('says so when the WebGPU device is lost, falls back to cpu and reopens the device', async () => {
    expect(await page.evaluate(() => window.weightnormDemo!.loseDevice())).toBe(true);
    await page.waitForFunction(() => /device was lost/.test(document.getElementById('gpu-message')!.textContent ?? ''), undefined, { timeout: 30_000 });
    expect(await page.textContent('#gpu-message')).toMatch(/The WebGPU device was lost \(destroyed/);
    // Reopened: webgpu is offered again, and a run on the new device still matches torch.
    await page.waitForFunction(() => !(document.querySelector('#backend option[value="webgpu"]') as HTMLOptionElement).disabled, undefined, { timeout: 60_000 });
    const r = await vocode(page, 'webgpu', 'clip', true);
    expect(r.error).toBeLessThanOrEqual(1e-4);
  }, RUN_TIMEOUT_MS + 60_000);

  it('explains a browser without WebGPU and offers cpu only', async () => {
    const p = await openPage(`Object.defineProperty(Navigator.prototype, 'gpu', { get: () => undefined });`);
    try {
      expect(await p.getAttribute('#gpu-message', 'data-kind')).toBe('warn');
      expect(await p.textContent('#gpu-message')).toMatch(/no WebGPU \(navigator\.gpu is missing/);
      expect(await p.locator('#backend option[value="webgpu"]').isDisabled()).toBe(true);
      expect(await p.inputValue('#backend')).toBe('cpu');
    } finally {
      await p.close();
    }
  }, 120_000);
});

describe('the checkpoint inspector', () => {
  const ptPath = `${hifiganAssets}hifigan-v3.pt`;

  it('lists the weight-normed layers of a dropped .pt and downloads the same fold as the CLI', async () => {
    await page.evaluate(
      ({ name, b64 }) => {
        const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const data = new DataTransfer();
        data.items.add(new File([bytes], name));
        const zone = document.getElementById('dropzone')!;
        zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
        zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
      },
      { name: 'hifigan-v3.pt', b64: readFileSync(ptPath).toString('base64') },
    );
    await page.waitForSelector('#inspect-summary[data-layers]', { timeout: 60_000 });
    // Expected rows from the safetensors twin's header (same state dict, without the .pt's
    // 'generator.' wrapper), read with plain JSON: every X_g/X_v pair, and dim = the first axis
    // where g keeps v's size (torch's norm_except_dim; conv_post's all-ones g fits axis 0 first).
    const header = readHeader(`${hifiganAssets}hifigan-v3.safetensors`);
    const want = Object.keys(header)
      .filter((k) => k.endsWith('_g'))
      .map((k) => {
        const g = header[k]!.shape;
        const v = header[`${k.slice(0, -1)}v`]!.shape;
        return [`generator.${k.slice(0, -2)}`, String(g.findIndex((d, i) => d === v[i])), `[${g.join(', ')}]`, `[${v.join(', ')}]`, '_g/_v'];
      });
    expect(want).toHaveLength(23);
    const rows = await page.$$eval('#layers tbody tr', (trs) => trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent)));
    expect(rows).toEqual(want);
    expect(await page.textContent('#inspect-summary')).toMatch(/^hifigan-v3\.pt: PyTorch zip checkpoint, 69 tensors, .* weight-normed layers: 23$/);
    expect((await screenshot(page, '#inspector', 'inspector.png'))).toBeLessThan(200_000);

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#fold-download')]);
    expect(download.suggestedFilename()).toBe('hifigan-v3.folded.safetensors');
    const got = readFileSync((await download.path())!);
    const out = join(mkdtempSync(join(tmpdir(), 'wn-web-')), 'folded.safetensors');
    const r = spawnSync(process.execPath, [cli, 'fold', ptPath, out], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(got.equals(readFileSync(out)), 'the page\'s folded file differs from `weightnorm fold`').toBe(true);
    const folded = readHeader(new Uint8Array(got));
    expect(Object.keys(folded).filter((k) => /_[gv]$/.test(k))).toEqual([]);
    for (const [weight] of want) expect(folded[weight!]?.dtype, weight).toBe('F32');
    expect(await page.textContent('#inspect-summary')).toMatch(/^Folded 23 weight-normed layers into hifigan-v3\.folded\.safetensors/);
  }, 180_000);

  it('says plainly when a dropped file is not a checkpoint', async () => {
    await page.setInputFiles('#file-input', { name: 'notes.pt', mimeType: 'application/octet-stream', buffer: Buffer.from('not a checkpoint at all') });
    await page.waitForFunction(() => document.getElementById('inspect-summary')!.dataset.kind === 'error', undefined, { timeout: 30_000 });
    expect(await page.textContent('#inspect-summary')).toMatch(/^notes\.pt is not a checkpoint this page can read: \w+: .+ received /);
    expect(await page.locator('#layers').isHidden()).toBe(true);
  }, 60_000);
});
