import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getBackend } from '@weightnorm/core';
import { parityCase, runParityCase } from '@weightnorm/nn/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipReason, targetName, useCountingTarget } from './target-backend.js';

// The foundation's torch fixtures (tools/fixtures/gen.py, PyTorch 1.13), read in place and run with
// nn's shared parity runner: folded weight, train/eval forward, removeWeightNorm, and the float16
// path of the `_f16` fixtures, with nn's tolerances (float32: 1e-5 relative).
const fixtureDir = fileURLToPath(new URL('../../nn/test/fixtures/parity/', import.meta.url));
const files = readdirSync(fixtureDir)
  .filter((f) => f.endsWith('.safetensors'))
  .sort();

describe.skipIf(skipReason !== undefined)(`${targetName}: torch parity, weightNorm on every layer`, () => {
  // Every op the addon runs, recorded, so the suite proves its results came through JS → addon → kernel.
  const dispatched = new Set<string>();
  beforeAll(() => useCountingTarget(dispatched));
  afterAll(() => {
    for (const op of ['Conv', 'ConvTranspose', 'WeightNorm', 'MatMul', 'Pad']) expect(dispatched, `native ${op} ran`).toContain(op);
  });

  it('has the fixtures, float16 ones included, and runs on the backend under test', () => {
    expect(files.length).toBeGreaterThan(40);
    expect(files.filter((f) => f.includes('_f16')).length).toBeGreaterThan(0);
    expect(getBackend()).toBe(targetName);
  });

  for (const file of files) {
    const name = file.replace('.safetensors', '');
    it(name, async () => {
      const checks = await runParityCase(await parityCase(name, readFileSync(fixtureDir + file)));
      expect(checks.length).toBeGreaterThanOrEqual(file.includes('_f16') ? 8 : 5);
      for (const c of checks) expect(c.ok, `${c.label}: ${c.worst}`).toBe(true);
    });
  }
});
