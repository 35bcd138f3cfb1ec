import { ALL_OPS, COMPOSABLE_OPS } from '@weightnorm/core';
import { conformanceCases, coveredOps, formatReport, runConformance, useBackend } from '@weightnorm/core/testing';
import { createCpuBackend } from '@weightnorm/backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';

// Both backends below are named 'cpu'. useBackend re-registers the name, which drops the cached
// instance, so each describe selects its own configuration before its cases run.
const cases = conformanceCases();

describe('cpu backend', () => {
  beforeAll(() => useBackend(createCpuBackend()));
  for (const c of cases) it(c.name, () => c.run());
});

describe('cpu backend, TypeScript GEMM (wasm: false)', () => {
  beforeAll(() => useBackend(createCpuBackend({ wasm: false })));
  for (const c of cases) it(c.name, () => c.run());
});

describe('cpu backend, composites only', () => {
  beforeAll(() => useBackend(createCpuBackend({ exclude: [...COMPOSABLE_OPS] })));
  for (const c of cases) it(c.name, () => c.run());
});

describe('conformance suite', () => {
  it('covers every op in ops.ts', () => {
    expect(coveredOps()).toEqual([...ALL_OPS]);
  });

  it('reports native and composite ops for both configurations', async () => {
    const composable = ['Conv', 'ConvTranspose', 'ConvWeightGrad', 'WeightNorm', 'Sigmoid'] as const;

    const full = await runConformance(() => createCpuBackend());
    console.log(formatReport(full));
    expect(full.backend).toBe('cpu');
    for (const op of composable) expect(full.native).toContain(op);
    expect(full.composite).toEqual([]);
    expect(full.missingRequired).toEqual([]);
    expect(full.results).toHaveLength(cases.length);

    const composites = await runConformance(() => createCpuBackend({ exclude: [...COMPOSABLE_OPS] }));
    console.log(formatReport(composites));
    for (const op of composable) {
      expect(composites.composite).toContain(op);
      expect(composites.native).not.toContain(op);
    }
    expect(composites.missingRequired).toEqual([]);
  }, 120_000);
});
