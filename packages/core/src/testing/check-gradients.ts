import { gradsOf } from '../autodiff/grads-of.js';
import type { Tensor } from '../ir/tensor.js';
import { tensor } from '../ops/create.js';
import { createRandom, seedFrom } from './random.js';
import { evaluateReference } from './reference/evaluate-reference.js';
import { nd, type NdArray } from './reference/nd-array.js';

/**
 * Options of `checkGradients`: a name for failures (and the projection's seed), the central-difference
 * step and the allowed relative error.
 *
 * @example
 * checkGradients((x) => x.tanh(), [nd([3], [0.1, -0.5, 2])], { name: 'tanh', step: 1e-6 });
 */
export interface CheckGradientsOptions {
  /** Names the check in a failure and seeds its random projection. */
  name?: string;
  /** Central-difference step (float64). */
  step?: number;
  /** Largest allowed |analytic − numeric| / (|numeric| + 1e-3·max|numeric|). */
  tolerance?: number;
}

/**
 * What `checkGradients` measured: analytic and numeric gradients per input and the largest relative
 * error between them.
 *
 * @example
 * const { maxRelError } = checkGradients((a, b) => a.mul(b), [nd([2], [1, 2]), nd([2], [3, 4])]);
 */
export interface GradientCheck {
  /** The analytic gradients (reverse mode, interpreted in float64), one per input. */
  analytic: NdArray[];
  numeric: NdArray[];
  maxRelError: number;
}

/**
 * The generic gradient checker: projects fn's output on a fixed random tensor r, L = Σ fn(x)·r,
 * and compares reverse mode's ∂L/∂x with central differences of L, both computed in float64 by
 * interpreting the graphs with the reference loops (no backend, no float32 rounding). Throws an
 * Error naming the input and index of the worst mismatch.
 *
 * @example
 * checkGradients((x) => x.tanh(), [nd([3], [0.1, 0.2, 0.3])]);
 */
export function checkGradients(fn: (...xs: Tensor[]) => Tensor, inputs: readonly NdArray[], opts: CheckGradientsOptions = {}): GradientCheck {
  const name = opts.name ?? 'checkGradients';
  const h = opts.step ?? 1e-5;
  const tol = opts.tolerance ?? 1e-6;
  const xs = inputs.map((x) => tensor(Array.from(x.data, Math.fround), x.shape));
  const out = fn(...xs);
  const rng = createRandom(seedFrom(name));
  const rValues = Array.from({ length: out.size }, () => Math.fround(rng.normal()));
  const loss = out.mul(tensor(rValues, out.shape, { dtype: out.dtype })).sum();
  const grads = gradsOf(loss, xs);

  const base = new Map<Tensor, NdArray>(xs.map((t, i) => [t, inputs[i]!]));
  const analytic = evaluateReference(grads, base);
  const numeric = inputs.map((x, i) => {
    const g = nd(x.shape);
    for (let j = 0; j < x.data.length; j++) {
      const at = (delta: number) => {
        const moved = nd(x.shape, x.data);
        moved.data[j]! += delta;
        return evaluateReference([loss], new Map(base).set(xs[i]!, moved))[0]!.data[0]!;
      };
      g.data[j] = (at(h) - at(-h)) / (2 * h);
    }
    return g;
  });

  let maxRelError = 0;
  let worst = '';
  numeric.forEach((num, i) => {
    const scale = num.data.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    num.data.forEach((want, j) => {
      const got = analytic[i]!.data[j]!;
      const err = Math.abs(got - want) / (Math.abs(want) + 1e-3 * scale + 1e-30);
      if (!(err <= maxRelError)) {
        maxRelError = Number.isNaN(err) ? Infinity : err;
        worst = `input ${i} index ${j}: reverse mode ${got}, finite differences ${want}`;
      }
    });
  });
  if (!(maxRelError <= tol)) throw new Error(`${name}: gradient mismatch ${maxRelError.toExponential(2)} > ${tol} at ${worst}`);
  return { analytic, numeric, maxRelError };
}
