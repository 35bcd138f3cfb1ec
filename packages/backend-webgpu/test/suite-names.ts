import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { conformanceCases, gradientCases } from '@weightnorm/core/testing';
import { TRAIN_OPTIMIZERS } from '@weightnorm/nn/testing';
import type { FixtureGroup } from './suite/fixture-groups.js';

/** The torch fixtures of @weightnorm/nn (kept in its test folder, not published; reached through the workspace link). */
export const fixtureRoot = fileURLToPath(new URL('../node_modules/@weightnorm/nn/test/fixtures/', import.meta.url));

function group(folder: string): { dir: string; names: string[] } {
  const dir = fixtureRoot + folder;
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.safetensors'))
    .sort()
    .map((f) => f.replace('.safetensors', ''));
  return { dir, names };
}

/** parity: forward fixtures; grad: gradients of Σ(y·r); train: the training runs. */
export const fixtureGroups: Record<FixtureGroup, { dir: string; names: string[] }> = {
  parity: group('parity'),
  grad: group('grad'),
  train: group('train'),
};

/** Every result name a suite report must contain, known before any child runs. */
export const suiteCaseNames = [
  ...conformanceCases().map((c) => `conformance: ${c.name}`),
  ...fixtureGroups.parity.names.map((n) => `parity: ${n}`),
  ...gradientCases().map((c) => `gradient: ${c.name}`),
  ...fixtureGroups.grad.names.map((n) => `grad parity: ${n}`),
  ...fixtureGroups.train.names.flatMap((n) => TRAIN_OPTIMIZERS.map((o) => `train parity: ${n} ${o}`)),
];
