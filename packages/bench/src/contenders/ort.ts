import type * as Ort from 'onnxruntime-node';
import type { BenchCase } from '../workloads/bench-case.js';
import { inlineInitializers, type Initializer } from '../onnx/inline-initializers.js';
import { foldWeightNorm } from '../workloads/fold-weight-norm.js';
import type { Contender, PreparedCase } from './contender.js';
import { onnxGraphFor } from './onnx-graph-for.js';

/** The part of onnxruntime-node / onnxruntime-web the bench uses (their APIs are the same). */
export interface OrtModule {
  InferenceSession: typeof Ort.InferenceSession;
  Tensor: typeof Ort.Tensor;
}

/**
 * onnxruntime running the torch-exported graphs. train graphs get g and v as inputs every call, so
 * ReduceL2 → Div → Mul really runs; cached graphs get the folded weight and the bias inlined as
 * initializers (what a deployed model holds), so the session can pre-pack them.
 */
export function ortContender(
  name: string,
  load: () => Promise<{ ort: OrtModule; version: string; device: string; options: Ort.InferenceSession.SessionOptions }>,
): Contender {
  let ort: OrtModule;
  let options: Ort.InferenceSession.SessionOptions;
  return {
    name,
    async start() {
      const loaded = await load();
      ort = loaded.ort;
      options = loaded.options;
      return { version: loaded.version, device: loaded.device };
    },
    async prepare(c, inputs) {
      return prepareSession(ort, options, c, inputs);
    },
  };
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
      out.set(`${key}.weight`, { data: foldWeightNorm(inputs.get(s.name)!, inputs.get(`${key}.weight_g`)!, s.shape[0]!), shape: s.shape });
    } else if (s.name.endsWith('.bias')) out.set(s.name, { data: inputs.get(s.name)!, shape: s.shape });
  }
  return out;
}

async function prepareSession(
  ort: OrtModule,
  options: Ort.InferenceSession.SessionOptions,
  c: BenchCase,
  inputs: ReadonlyMap<string, Float32Array>,
): Promise<PreparedCase> {
  let { bytes } = onnxGraphFor(c);
  const constants = c.kind === 'hifigan' ? foldedHifigan(c, inputs) : new Map<string, Initializer>();
  if (c.mode === 'cached') {
    for (const n of ['w', 'b']) constants.set(n, { data: inputs.get(n)!, shape: c.inputs.find((s) => s.name === n)!.shape });
  }
  if (constants.size > 0) bytes = inlineInitializers(bytes, constants);
  const session = await ort.InferenceSession.create(bytes, options);
  const feeds: Record<string, Ort.Tensor> = {};
  for (const spec of c.inputs) {
    if (constants.has(spec.name) || spec.name.endsWith('.weight_g') || spec.name.endsWith('.weight_v')) continue;
    feeds[spec.name] = new ort.Tensor('float32', inputs.get(spec.name)!, [...spec.shape]);
  }
  return {
    async run() {
      const result = await session.run(feeds);
      const y = result[session.outputNames[0]!]!;
      // getData() downloads a GPU-resident output; for CPU outputs it is the data itself.
      const data = (await y.getData()) as Float32Array;
      y.dispose();
      return data;
    },
    async dispose() {
      await session.release();
    },
  };
}
