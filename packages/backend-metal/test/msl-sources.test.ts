import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a build script in plain JS, without types
import { mslSources } from '../scripts/gen-msl-sources.mjs';

// What the macOS addon hands to newLibraryWithSource, checked here as far as Linux can: every
// embedded source must stand alone (no local #include left) and still compile, through the MSL shim,
// with no include path to kernels/.
const { sources, kernels } = mslSources() as {
  sources: { file: string; text: string }[];
  kernels: { name: string; source: number }[];
};
const root = fileURLToPath(new URL('..', import.meta.url));
const hasGxx = (() => {
  try {
    execFileSync('g++', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
// Linux builds the addon with g++ anyway, so there its absence is a failure, not a skip.
if (!hasGxx && process.platform === 'linux') throw new Error('g++ is needed to check the embedded MSL (and to build the addon)');
if (!hasGxx) console.warn('embedded MSL compile check skipped: no g++ here (the Metal suites compile the MSL for real on macOS)');

describe('embedded MSL for newLibraryWithSource', () => {
  it('inlines every local include and maps every kernel to its file', () => {
    expect(sources.map((s) => s.file)).toContain('weight-norm.metal');
    for (const s of sources) {
      expect(s.text, s.file).not.toMatch(/^#include\s+"/m);
      expect(s.text.match(/#include <metal_stdlib>/g)?.length, s.file).toBe(1);
    }
    const names = kernels.map((k) => k.name);
    expect(new Set(names).size).toBe(names.length);
    for (const k of ['unary', 'binary', 'where_select', 'cast', 'reduce', 'strided_copy', 'pad', 'matmul', 'conv', 'conv_transpose', 'weight_norm', 'weight_norm_grad_g', 'weight_norm_grad_v']) {
      expect(names).toContain(k);
    }
  });

  it.runIf(hasGxx)('compiles each embedded source alone through the shim', () => {
    const dir = mkdtempSync(join(tmpdir(), 'wn-msl-src-'));
    try {
      const files = sources.map((s, i) => {
        const path = join(dir, `s${i}.cc`);
        writeFileSync(path, `#include "msl-shim.h"\nnamespace embedded_${i} {\n${s.text}\n}\n`);
        return path;
      });
      const include = ['-I', join(root, 'native/emulated'), '-I', join(root, 'native/emulated/include')];
      execFileSync('g++', ['-std=c++17', '-fsyntax-only', '-Wno-attributes', ...include, ...files], { stdio: 'pipe' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
