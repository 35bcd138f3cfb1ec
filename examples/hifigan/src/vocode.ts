import { evaluate, ShapeError, type Tensor } from '@weightnorm/core';
import type { Generator } from './generator.js';

export interface VocodeOptions {
  /** Called after each evaluated stage: conv_pre, each upsample stage, conv_post. */
  onProgress?: (done: number, total: number, stage: string) => void;
}

/**
 * Runs the generator on a mel spectrogram [80, T] or [1, 80, T] and returns the waveform
 * (T · hop samples in [-1, 1]). The graph is evaluated stage by stage — conv_pre, each upsample
 * stage, conv_post — so progress can be reported and each stage's intermediates are freed before
 * the next one runs. The result equals `generator.forward(mel)`.
 *
 * @example
 * const audio = await vocode(generator.eval(), mel, { onProgress: (i, n) => bar.update(i / n) });
 */
export async function vocode(generator: Generator, mel: Tensor, opts: VocodeOptions = {}): Promise<Float32Array> {
  const bins = generator.config.num_mels ?? 80;
  if (!(mel.ndim === 2 || (mel.ndim === 3 && mel.shape[0] === 1)) || mel.shape[mel.ndim - 2] !== bins) {
    throw new ShapeError({ op: 'vocode', argument: 'mel', allowed: `a tensor [${bins}, T] or [1, ${bins}, T]`, received: mel.shape });
  }
  const total = generator.numUpsamples + 2;
  const step = async (x: Tensor, done: number, stage: string, previous: Tensor | null): Promise<Tensor> => {
    await evaluate(x);
    previous?.dispose();
    opts.onProgress?.(done, total, stage);
    return x;
  };
  let x = await step(generator.pre(mel.ndim === 2 ? mel.unsqueeze(0) : mel), 1, 'conv_pre', null);
  for (let i = 0; i < generator.numUpsamples; i++) x = await step(generator.stage(i, x), i + 2, `ups.${i}`, x);
  const out = await step(generator.post(x), total, 'conv_post', x);
  const audio = await out.data();
  out.dispose();
  return audio;
}
