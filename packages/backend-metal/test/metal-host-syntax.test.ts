import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The Objective-C++ Metal device cannot build or run off macOS. Where a clang is installed, this
// parses it against test/macos-stub (Apple's signatures for the few Foundation/Metal calls it makes),
// so a change to the device interface or the shared host code that breaks the Mac build fails here.
// It does not check the real SDK, Metal's behaviour or the MSL (see README: Unverified here).
const root = fileURLToPath(new URL('..', import.meta.url));
const clang = ['clang++', 'clang++-18', 'clang++-17', 'clang++-16', 'clang++-15', 'clang++-14'].find((cmd) => {
  try {
    execFileSync(cmd, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});
const onMac = process.platform === 'darwin';
// CI installs clang (.ci/install-system-deps), so there a missing clang is a failure, not a skip.
const required = process.env.CI !== undefined && !onMac;
if (!clang && !onMac && !required) console.warn('metal-device.mm syntax check skipped: no clang++ here (the macOS build compiles it for real)');

describe('native/metal/metal-device.mm', () => {
  it.runIf(required && clang === undefined)('has clang++ in CI', () => {
    expect.fail('clang++ is missing: .ci/install-system-deps installs it for the metal-device.mm syntax check');
  });

  it.runIf(clang !== undefined && !onMac)('parses as Objective-C++ with ARC and blocks, without warnings', () => {
    const include = execFileSync(process.execPath, ['scripts/gen-msl-sources.mjs'], { cwd: root, encoding: 'utf8' }).trim();
    const args = [
      '-fsyntax-only', '-x', 'objective-c++', '-std=c++17', '-fobjc-arc', '-fblocks', '-fobjc-runtime=macosx-11.0',
      '-fexceptions', '-Wall', '-Wextra', '-Werror', '-I', 'test/macos-stub', '-I', include, 'native/metal/metal-device.mm',
    ];
    expect(() => execFileSync(clang!, args, { cwd: root, stdio: 'pipe' })).not.toThrow();
  }, 60_000);
});
