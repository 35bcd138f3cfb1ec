import type { BenchCase } from '../workloads/bench-case.js';
import { inlineInitializers, type Initializer } from '../onnx/inline-initializers.js';
import { foldWeightNorm } from '../workloads/fold-weight-norm.js';
import { onnxGraphFor } from './onnx-graph-for.js';

/** One graph input fed on every call. */
export interface OrtFeed {
  readonly name: string;
  readonly data: Float32Array;
  readonly shape: readonly number[];
}

/**
 * What every onnxruntime contender runs for a case: the exported graph, with the weights a deployed
 * model holds inlined as initializers, and the inputs fed on every call. train graphs get g and v
 * as inputs, so ReduceL2 → Div → Mul really runs each call; cached graphs get the folded w and the
 * bias inlined (the session can pre-pack them); W5 gets every conv's folded weight and bias inlined.
 */
export function ortGraphAndFeeds(c: BenchCase, inputs: ReadonlyMap<string, Float32Array>): { bytes: Uint8Array; feeds: OrtFeed[] } {
  let { bytes } = onnxGraphFor(c);
  const constants = c.kind === 'hifigan' ? foldedHifigan(c, inputs) : new Map<string, Initializer>();
  if (c.mode === 'cached') {
    for (const n of ['w', 'b']) constants.set(n, { data: input(inputs, n), shape: c.inputs.find((s) => s.name === n)!.shape });
  }
  if (constants.size > 0) bytes = inlineInitializers(bytes, constants);
  const feeds: OrtFeed[] = [];
  for (const spec of c.inputs) {
    // W5's g and v are folded into its '<key>.weight' initializers above.
    if (constants.has(spec.name) || spec.name.endsWith('.weight_g') || spec.name.endsWith('.weight_v')) continue;
    feeds.push({ name: spec.name, data: input(inputs, spec.name), shape: [...spec.shape] });
  }
  return { bytes, feeds };
}

function input(inputs: ReadonlyMap<string, Float32Array>, name: string): Float32Array {
  const data = inputs.get(name);
  if (!data) throw new Error(`ortGraphAndFeeds: input "${name}" is missing; received ${[...inputs.keys()].join(', ')}`);
  return data;
}

/**
 * W5's graph takes '<key>.weight' (folded) and '<key>.bias' for every conv: fold each g, v pair
 * here (dim 0, also for the upsamplers' [in, out, k] weights, as torch does) and inline them all.
 */
function foldedHifigan(c: BenchCase, inputs: ReadonlyMap<string, Float32Array>): Map<string, Initializer> {
  const out = new Map<string, Initializer>();
  for (const s of c.inputs) {
    if (s.name.endsWith('.weight_v')) {
      const key = s.name.slice(0, -'.weight_v'.length);
      out.set(`${key}.weight`, { data: foldWeightNorm(input(inputs, s.name), input(inputs, `${key}.weight_g`), s.shape[0]!), shape: s.shape });
    } else if (s.name.endsWith('.bias')) out.set(s.name, { data: input(inputs, s.name), shape: s.shape });
  }
  return out;
}
