import { removeWeightNorm, weightNorm } from '../weight-norm.js';
import { buildLayer } from './build-layer.js';
import { closeness } from './closeness.js';
import type { ParityCase } from './parity-case.js';

/** One comparison of a parity run: what was compared, whether it passed, and the worst element. */
export interface ParityCheck {
  readonly label: string;
  readonly ok: boolean;
  readonly worst: string;
}

/**
 * float32 parity with torch is 1e-5 relative (to the tensor's scale, see closeness).
 *
 * @example
 * closeness(await model.weight().data(), await c.tensors.folded_weight!.data(), PARITY_RTOL);
 */
export const PARITY_RTOL = 1e-5;
/**
 * float16: torch's all-half _weight_norm rounds at every step and ours rounds once, so 2 half ulps
 * (2^-10 relative each) for the folded weight; the float32 forward on a half weight is within
 * half rounding (2e-3) of torch's float32 output.
 *
 * @example
 * const half = weightNorm(buildLayer(c.config).to('float16'), { dim: c.config.dim });
 * closeness(await half.weight().data(), await c.tensors.folded_weight_f16!.data(), PARITY_F16_WEIGHT_RTOL);
 */
export const PARITY_F16_WEIGHT_RTOL = 2 * 2 ** -10;
/**
 * float16 forward output against torch's float32 output: half rounding, 2e-3 relative (see above).
 *
 * @example
 * closeness(await half.forward(input).data(), await c.tensors.output!.data(), PARITY_F16_OUTPUT_RTOL);
 */
export const PARITY_F16_OUTPUT_RTOL = 2e-3;

/**
 * Runs one torch fixture on the selected backend and returns every check, failed ones included
 * (no test runner here, so it runs under vitest in Node and inside a browser page alike).
 * float32: folded weight, train and eval forward against torch, the eval weight cached, and
 * removeWeightNorm's plain layer against the wrapped one. `_f16` fixtures add the float16 path.
 *
 * @example
 * for (const check of await runParityCase(c)) if (!check.ok) console.log(check.label, check.worst);
 */
export async function runParityCase(c: ParityCase): Promise<ParityCheck[]> {
  const checks: ParityCheck[] = [];
  const check = (label: string, r: { ok: boolean; worst: string }) => checks.push({ label, ...r });
  const input = c.tensors.input!;
  const want = await c.tensors.output!.data();

  const model = weightNorm(buildLayer(c.config), { dim: c.config.dim });
  await model.loadStateDict(c.stateDict);
  check('folded weight', closeness(await model.weight().data(), await c.tensors.folded_weight!.data(), PARITY_RTOL));
  check('train forward', closeness(await model.train().forward(input).data(), want, PARITY_RTOL));
  const evalOut = await model.eval().forward(input).data();
  check('eval forward', closeness(evalOut, want, PARITY_RTOL));
  const cached = model.weight() === model.weight();
  checks.push({ label: 'eval weight cached', ok: cached, worst: cached ? 'same tensor' : 'a new tensor per call' });
  const plain = await removeWeightNorm(model);
  check('removeWeightNorm forward vs wrapped', closeness(await plain.forward(input).data(), evalOut, 1e-6));

  if (c.tensors.folded_weight_f16) {
    const half = weightNorm(buildLayer(c.config).to('float16'), { dim: c.config.dim });
    await half.loadStateDict(c.stateDict);
    const w = half.weight();
    const dtypes = `v ${half.v.dtype}, weight ${w.dtype}`;
    const halfOk = half.v.dtype === 'float16' && w.dtype === 'float16';
    checks.push({ label: 'float16 dtypes', ok: halfOk, worst: dtypes });
    check('float16 folded weight vs torch half', closeness(await w.data(), await c.tensors.folded_weight_f16.data(), PARITY_F16_WEIGHT_RTOL));
    check('float16 weight, float32 forward', closeness(await half.forward(input).data(), want, PARITY_F16_OUTPUT_RTOL));
  }
  return checks;
}
