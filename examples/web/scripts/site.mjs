// Builds the static page into dist/ (`build`) or serves it with rebuilds on change (`serve`).
// Plain JavaScript so Node runs it as is; the page's TypeScript is type-checked by `tsc -b` first.
import { copyFileSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = `${root}dist/`;

// The committed files the page fetches: the original-format checkpoint and two mels with torch's
// waveforms (examples/hifigan/assets from gen_hifigan.py, ours from tools/fixtures/gen_web_clip.py).
const assets = [
  `${root}../hifigan/assets/hifigan-v3.pt`,
  `${root}../hifigan/assets/mel-and-audio.safetensors`,
  `${root}assets/mel-clip-and-audio.safetensors`,
];

function copyStatic() {
  mkdirSync(`${dist}assets`, { recursive: true });
  for (const name of readdirSync(`${root}static`)) copyFileSync(`${root}static/${name}`, `${dist}${name}`);
  for (const file of assets) copyFileSync(file, `${dist}assets/${file.split('/').pop()}`);
}

/** @type {import('esbuild').BuildOptions} */
const options = {
  entryPoints: [`${root}src/main.ts`],
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  outfile: `${dist}main.js`,
  sourcemap: true,
  // core's backend lookup by name and backend-webgpu's Dawn loader import Node modules on paths a
  // browser never takes (both check for Node first); left external, they stay unresolved dynamic
  // imports instead of failing the browser build. The page registers its backends explicitly.
  external: ['node:*'],
  logLevel: 'warning',
};

const mode = process.argv[2];
copyStatic();
if (mode === 'build') {
  const result = await esbuild.build({ ...options, minify: true, metafile: true });
  const js = statSync(`${dist}main.js`).size;
  const inputs = Object.keys(result.metafile.inputs).filter((p) => /node_modules|packages|hifigan/.test(p)).length;
  console.log(`web: wrote ${dist} (main.js ${(js / 1024).toFixed(0)} KiB from ${inputs} library modules, static files and ${assets.length} assets)`);
} else if (mode === 'serve') {
  const ctx = await esbuild.context(options);
  await ctx.watch();
  const port = Number(process.env.PORT ?? 8000);
  const { hosts, port: bound } = await ctx.serve({ servedir: dist, port, host: '127.0.0.1' });
  console.log(`web: serving http://${hosts[0]}:${bound}/ (rebuilds on change; static/ is copied at start)`);
} else {
  console.error('usage: node scripts/site.mjs build|serve');
  process.exitCode = 2;
}
