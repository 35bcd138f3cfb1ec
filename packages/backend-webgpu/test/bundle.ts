import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

/** Build outputs of the tests, under this package's node_modules (ignored by git, and where Node finds `webgpu`). */
export const cacheDir = fileURLToPath(new URL('../node_modules/.cache/weightnorm-webgpu-test/', import.meta.url));

/**
 * Bundles a suite entry (TypeScript, with core and nn from their built dist) for Node or the browser.
 * Node built-ins stay external: the browser bundle reaches them only on paths it never takes.
 */
export async function bundle(entry: string, platform: 'node' | 'browser', outName: string): Promise<string> {
  mkdirSync(cacheDir, { recursive: true });
  const outfile = cacheDir + outName;
  await build({
    entryPoints: [fileURLToPath(new URL(`./suite/${entry}`, import.meta.url))],
    bundle: true,
    format: 'esm',
    platform,
    target: 'es2022',
    outfile,
    external: ['node:*', 'webgpu'],
    logLevel: 'error',
  });
  return outfile;
}
