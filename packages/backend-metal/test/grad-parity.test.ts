import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getBackend } from '@weightnorm/core';
import { gradientCases } from '@weightnorm/core/testing';
import { runGradParityCase, runTrainParityCase, TRAIN_OPTIMIZERS } from '@weightnorm/nn/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skipReason, targetName, useCountingTarget } from './target-backend.js';

// The backward on this backend: core's reverse-mode gradient cases, then nn's torch gradient and
// training fixtures (tools/fixtures/gen_grads.py, PyTorch 1.13) read in place and run with nn's
// shared runners at their tolerances (1e-4 relative), as backend-webgpu's suite runs them.
const fixtureRoot = new URL('../../nn/test/fixtures/', import.meta.url);
const fixtures = (group: string) => {
  const dir = fileURLToPath(new URL(`${group}/`, fixtureRoot));
  return readdirSync(dir)
    .filter((f) => f.endsWith('.safetensors'))
    .sort()
    .map((f) => ({ name: f.replace('.safetensors', ''), path: dir + f }));
};
const gradFixtures = fixtures('grad');
const trainFixtures = fixtures('train');

describe.skipIf(skipReason !== undefined)(`${targetName}: gradients and torch grad/train parity`, () => {
  // Every op the addon ran, so the suite proves the backward went through the native kernels.
  const dispatched = new Set<string>();
  beforeAll(() => useCountingTarget(dispatched));
  afterAll(() => {
    for (const op of ['WeightNorm', 'WeightNormGradG', 'WeightNormGradV', 'Conv', 'ConvTranspose']) {
      expect(dispatched, `native ${op} ran`).toContain(op);
    }
  });

  it('has the fixtures and runs on the backend under test', () => {
    expect(gradFixtures.length).toBeGreaterThan(30);
    expect(trainFixtures.length).toBeGreaterThan(0);
    expect(getBackend()).toBe(targetName);
  });

  for (const c of gradientCases()) it(`gradient: ${c.name}`, () => c.run());

  for (const f of gradFixtures) {
    it(`grad parity: ${f.name}`, async () => {
      const run = await runGradParityCase(readFileSync(f.path));
      expect(run.checks.length).toBeGreaterThan(0);
      for (const c of run.checks) expect(c.ok, `${c.label}: ${c.worst}`).toBe(true);
    });
  }

  for (const f of trainFixtures) {
    for (const optimizer of TRAIN_OPTIMIZERS) {
      it(`train parity: ${f.name} ${optimizer}`, async () => {
        const run = await runTrainParityCase(readFileSync(f.path), optimizer);
        expect(run.checks.length).toBeGreaterThan(0);
        expect(run.losses.length).toBeGreaterThan(1);
        for (const c of run.checks) expect(c.ok, `${c.label}: ${c.worst}`).toBe(true);
      }, 120_000);
    }
  }
});
