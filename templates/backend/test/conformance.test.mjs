// Runs @weightnorm/core's conformance suite on the built backend (npm test builds first) with
// Node's own test runner, so a new backend needs no test framework to start.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { registerBackend, setBackend, tensor } from '@weightnorm/core';
import { formatReport, runConformance } from '@weightnorm/core/testing';
import { backends, create__BACKEND_IDENT__Backend } from '../dist/index.js';

test('conformance suite', async () => {
  const report = await runConformance(create__BACKEND_IDENT__Backend);
  console.log(formatReport(report));
  assert.deepEqual(report.missingRequired, [], 'every required op needs a kernel');
  assert.equal(report.failed, 0, `${report.failed} conformance cases failed (table above)`);
  assert.ok(report.passed > 0);
});

test('registers by name and computes', async () => {
  const [descriptor] = backends;
  registerBackend(descriptor.name, descriptor.create);
  await setBackend('__BACKEND_NAME__');
  const y = tensor([1, -2, 3, -4], [2, 2]).abs().neg();
  assert.deepEqual(Array.from(await y.data()), [-1, -2, -3, -4]);
});
