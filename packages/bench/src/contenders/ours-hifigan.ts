import { tensor, type Tensor } from '@weightnorm/core';
import type { BenchCase } from '../workloads/bench-case.js';
import type { PreparedCase } from './contender.js';
import { timedCall } from './ours.js';
import { UnavailableError } from './unavailable-error.js';

/** The slice of @weightnorm/hifigan the bench uses. */
interface HifiganModule {
  createGenerator(config: object): {
    loadStateDict(dict: Record<string, Tensor>): Promise<void>;
    eval(): { forward(mel: Tensor): Tensor };
  };
}

/**
 * W5 on weightnorm: @weightnorm/hifigan's generator with the case's weights loaded under their torch
 * keys (so a key the bench gets wrong fails loudly in loadStateDict), in eval mode — the folded
 * weights are computed once and kept, as in deployed inference. Timed as ours.ts's timedCall.
 */
export async function oursHifigan(c: BenchCase, inputs: ReadonlyMap<string, Float32Array>, readBack: boolean): Promise<PreparedCase> {
  const specifier = '@weightnorm/hifigan';
  let mod: Partial<HifiganModule>;
  try {
    mod = (await import(specifier)) as Partial<HifiganModule>;
  } catch (e) {
    throw new UnavailableError(`${specifier} cannot be loaded: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (typeof mod.createGenerator !== 'function') throw new UnavailableError(`${specifier} exports no createGenerator yet`);
  const h = c.hifigan!;
  const config = {
    ...h,
    upsample_rates: [...h.upsample_rates],
    upsample_kernel_sizes: [...h.upsample_kernel_sizes],
    resblock_kernel_sizes: [...h.resblock_kernel_sizes],
    resblock_dilation_sizes: h.resblock_dilation_sizes.map((d) => [...d]),
  };
  const generator = mod.createGenerator(config);
  const dict: Record<string, Tensor> = {};
  for (const s of c.inputs) if (s.name !== 'mel') dict[s.name] = tensor(inputs.get(s.name)!, s.shape);
  await generator.loadStateDict(dict);
  const model = generator.eval();
  const melSpec = c.inputs.find((s) => s.name === 'mel')!;
  const mel = tensor(inputs.get('mel')!, melSpec.shape);
  return timedCall(() => model.forward(mel), readBack);
}
