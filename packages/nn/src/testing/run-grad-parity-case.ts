import { gradsOf, type Tensor } from '@weightnorm/core';
import { readSafetensors } from '../safetensors/load-safetensors.js';
import { valueAndGrad } from '../value-and-grad.js';
import { weightNorm } from '../weight-norm.js';
import { buildLayer } from './build-layer.js';
import { closeness } from './closeness.js';
import type { ParityConfig } from './parity-case.js';
import { relativeError } from './relative-error.js';
import type { ParityCheck } from './run-parity-case.js';

/**
 * Gradients are judged at 1e-4 relative (to the tensor's scale, see closeness), as issue #6 asks.
 *
 * @example
 * closeness(await grads.weight_v!.data(), await tensors.grad_weight_v!.data(), GRAD_PARITY_RTOL);
 */
export const GRAD_PARITY_RTOL = 1e-4;

/** Tensors of a gradient fixture that are torch's inputs and results, not layer parameters. */
const NOT_STATE = /^(input|r|output|grad_.*)$/;

/**
 * What {@link runGradParityCase} returns: every check and the worst gradient error.
 */
export interface GradParityResult {
  /** Every comparison, failed ones included. */
  readonly checks: ParityCheck[];
  /** Worst relativeError over the compared gradients, for the log. */
  readonly maxRelError: number;
}

/**
 * Runs one torch gradient fixture (tools/fixtures/gen_grads.py: grads of Σ(y·r)) on the selected
 * backend: nn's valueAndGrad wrt every parameter, core's gradsOf wrt the input, and the loss,
 * against torch 1.13. Takes the file's bytes (read from disk in Node, fetched in a browser).
 *
 * @example
 * const { checks } = await runGradParityCase(readFileSync('conv1d_dim0.safetensors'));
 */
export async function runGradParityCase(bytes: Uint8Array | ArrayBuffer): Promise<GradParityResult> {
  const { tensors, metadata } = await readSafetensors(bytes);
  const checks: ParityCheck[] = [];
  const fail = (label: string, worst: string): GradParityResult => ({ checks: [...checks, { label, ok: false, worst }], maxRelError: Infinity });
  if (metadata.config === undefined) return fail('fixture has a config', 'no "config" in the metadata');
  const config = JSON.parse(metadata.config) as ParityConfig;
  const { input: x, r, output } = tensors;
  if (!x || !r || !output) return fail('fixture has input, r and output', Object.keys(tensors).join(', '));

  const model = weightNorm(buildLayer(config), { dim: config.dim });
  await model.loadStateDict(Object.fromEntries(Object.entries(tensors).filter(([k]) => !NOT_STATE.test(k))));
  const { value, grads } = await valueAndGrad(model.train(), (m) => m.forward(x).mul(r).sum());
  const gotKeys = Object.keys(grads).sort().join(', ');
  const stateKeys = Object.keys(model.stateDict()).sort().join(', ');
  checks.push({ label: 'grads keyed like the state dict', ok: gotKeys === stateKeys, worst: `grads [${gotKeys}], state dict [${stateKeys}]` });

  const [gx] = gradsOf(model.forward(x).mul(r).sum(), [x]);
  const compared: [string, Tensor][] = [...Object.entries(grads).map(([k, g]): [string, Tensor] => [`grad_${k}`, g]), ['grad_input', gx!]];
  let maxRelError = 0;
  for (const [key, got] of compared) {
    const want = tensors[key];
    if (!want) {
      checks.push({ label: key, ok: false, worst: 'the fixture has no such tensor' });
      continue;
    }
    if (got.shape.join(',') !== want.shape.join(',')) {
      checks.push({ label: key, ok: false, worst: `shape [${got.shape.join(', ')}], torch's [${want.shape.join(', ')}]` });
      continue;
    }
    const g = await got.data();
    const w = await want.data();
    checks.push({ label: key, ...closeness(g, w, GRAD_PARITY_RTOL) });
    maxRelError = Math.max(maxRelError, relativeError(g, w));
  }

  const y = await output.data();
  const rv = await r.data();
  const loss = y.reduce((s, v, i) => s + v * rv[i]!, 0);
  const got = await value.item();
  const lossOk = Math.abs(got - loss) < GRAD_PARITY_RTOL * Math.max(1, Math.abs(loss));
  checks.push({ label: 'loss Σ(y·r)', ok: lossOk, worst: `got ${got}, torch's ${loss}` });
  return { checks, maxRelError };
}
