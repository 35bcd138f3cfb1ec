import { createCpuBackend } from '@weightnorm/backend-cpu';
import { COMPOSABLE_OPS } from '@weightnorm/core';
import { gradientCases, useBackend } from '@weightnorm/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Reverse mode evaluated on the cpu backend in float32 must agree with the same gradient graphs
// interpreted in float64 (core's gradientCases), with native kernels and with core's composites.
for (const [config, exclude] of [['native kernels', []], ['composites only', [...COMPOSABLE_OPS]]] as const) {
  describe(`reverse mode on cpu (${config}) against float64`, () => {
    beforeAll(() => useBackend(createCpuBackend({ exclude: [...exclude] })));
    afterAll(() => useBackend(createCpuBackend()));
    it('has the cases', () => expect(gradientCases().length).toBeGreaterThanOrEqual(6));
    for (const c of gradientCases()) it(c.name, () => c.run());
  });
}
