import { ALL_OPS, REQUIRED_OPS, isOpName } from '@weightnorm/core';
import { conformanceCases, formatReport, runConformance, useBackend } from '@weightnorm/core/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadAddon } from '../src/load-addon.js';
import { createTarget, skipReason, targetName } from './target-backend.js';

const cases = conformanceCases();

if (skipReason) console.warn(`backend-metal conformance skipped: ${skipReason}`);

describe.skipIf(skipReason !== undefined)(`${targetName}: core conformance suite`, () => {
  beforeAll(() => useBackend(createTarget()));
  for (const c of cases) it(c.name, () => c.run());
});

describe.skipIf(skipReason !== undefined)(`${targetName}: native ops`, () => {
  it('runs every required op, the composable forward ops and the weight-norm backward natively, and passes every case', async () => {
    const report = await runConformance(createTarget);
    console.log(formatReport(report));
    const addonOps = loadAddon(targetName).ops.filter(isOpName);
    expect(report.backend).toBe(targetName);
    expect(report.missingRequired).toEqual([]);
    expect([...report.native].sort()).toEqual([...addonOps].sort());
    for (const op of [...REQUIRED_OPS, 'Sigmoid', 'Conv', 'ConvTranspose', 'WeightNorm', 'WeightNormGradG', 'WeightNormGradV'] as const) {
      expect(report.native).toContain(op);
    }
    // Whatever ops.ts adds later (and the addon lacks) runs as core's composite, never unhandled.
    expect(report.composite.length + report.native.length + 1).toBe(ALL_OPS.length);
    expect(report.results).toHaveLength(cases.length);
    expect(report.failed, report.results.filter((r) => !r.passed).map((r) => `${r.name}: ${r.error}`).join('\n')).toBe(0);
  }, 120_000);
});
