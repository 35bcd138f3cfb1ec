import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parityCase, type ParityCase } from '../src/testing/index.js';

// The reusable part (fixture parsing, layer building, closeness, the parity run) lives in
// src/testing as @weightnorm/nn/testing, so backends run the same checks in Node and in browsers.
export { buildLayer, closeness, type ParityCase, type ParityConfig } from '../src/testing/index.js';

export const fixtureDir = fileURLToPath(new URL('./fixtures/parity/', import.meta.url));

export async function loadCase(file: string): Promise<ParityCase> {
  return parityCase(file.replace('.safetensors', ''), readFileSync(fixtureDir + file));
}
