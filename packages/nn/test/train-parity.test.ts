import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runTrainParityCase, TRAIN_OPTIMIZERS } from '../src/testing/index.js';

// torch 1.13 training run (tools/fixtures/gen_grads.py): our loss curve must match step by step.
// The run itself is @weightnorm/nn/testing's, shared with the webgpu suites in Node and Chromium.
const file = fileURLToPath(new URL('./fixtures/train/conv1d_net.safetensors', import.meta.url));

describe('torch parity: training a 3-layer weight-normed Conv1d net', () => {
  for (const name of TRAIN_OPTIMIZERS) {
    it(`${name}: loss at every step within 1e-4 relative of torch`, async () => {
      const { checks, losses, maxRelError } = await runTrainParityCase(readFileSync(file), name);
      console.log(`${name}: ${losses.length} steps, loss ${losses[0]?.toFixed(5)} → ${losses.at(-1)?.toFixed(5)}, max relative error vs torch ${maxRelError.toExponential(2)}`);
      expect(losses.length).toBeGreaterThanOrEqual(8);
      for (const c of checks) expect(c.ok, `${c.label}: ${c.worst}`).toBe(true);
    }, 60_000);
  }
});
