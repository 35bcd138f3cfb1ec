import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runParityCase } from '../src/testing/index.js';
import { fixtureDir, loadCase } from './fixture-model.js';

// Fixtures come from real PyTorch 1.13 (tools/fixtures/gen.py); float32 parity is 1e-5 relative,
// float16 fixtures also run the half path (tolerances in src/testing/run-parity-case.ts). The same
// runner runs on the webgpu backend in Node and in Chromium.
const files = readdirSync(fixtureDir).filter((f) => f.endsWith('.safetensors')).sort();

describe('torch parity: weightNorm on every layer', () => {
  it('has the fixtures', () => {
    expect(files.length).toBeGreaterThan(40);
    expect(files.filter((f) => f.includes('_f16')).length).toBeGreaterThan(0);
  });

  for (const file of files) {
    it(file.replace('.safetensors', ''), async () => {
      const checks = await runParityCase(await loadCase(file));
      expect(checks.length).toBeGreaterThanOrEqual(file.includes('_f16') ? 8 : 5);
      for (const c of checks) expect(c.ok, `${c.label}: ${c.worst}`).toBe(true);
    });
  }
});
