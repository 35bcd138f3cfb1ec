import type * as Ort from 'onnxruntime-node';
import type { BenchCase } from '../workloads/bench-case.js';
import type { Contender, PreparedCase } from './contender.js';
import { ortGraphAndFeeds } from './ort-graph-and-feeds.js';

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

async function prepareSession(
  ort: OrtModule,
  options: Ort.InferenceSession.SessionOptions,
  c: BenchCase,
  inputs: ReadonlyMap<string, Float32Array>,
): Promise<PreparedCase> {
  const { bytes, feeds: list } = ortGraphAndFeeds(c, inputs);
  const session = await ort.InferenceSession.create(bytes, options);
  const feeds: Record<string, Ort.Tensor> = {};
  for (const f of list) feeds[f.name] = new ort.Tensor('float32', f.data, [...f.shape]);
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
