import { getBackendInstance, setBackend, tensor } from '@weightnorm/core';
import { encodeWav, HIFIGAN_V3, loadGenerator, vocode, type Generator } from '@weightnorm/hifigan';
import { foldWeightNorm } from '@weightnorm/nn';
import type { DemoAssets, MelClip } from './demo-assets.js';
import { maxAbsError } from './max-abs-error.js';

export interface VocoderRequest {
  readonly backend: string;
  readonly fold: boolean;
  readonly clip: MelClip;
}

export interface VocoderResult {
  readonly audio: Float32Array;
  readonly wav: Uint8Array;
  readonly seconds: number;
  /** Wall time of the vocode alone (not the checkpoint read), in ms. */
  readonly ms: number;
  /** ms / 1000 / seconds: below 1 is faster than real time. */
  readonly rtf: number;
  /** max |ours − torch| over every sample. */
  readonly error: number;
  readonly backendInfo: string;
}

/** Generators by backend and fold setting: weights stay on their device between runs. */
const models = new Map<string, Promise<Generator>>();

/** Drops the cached generators of a backend (after its device was lost). */
export function forgetModels(backend: string): void {
  for (const key of [...models.keys()]) if (key.startsWith(`${backend}/`)) models.delete(key);
}

async function buildModel(checkpoint: Uint8Array, fold: boolean): Promise<Generator> {
  const loaded = await loadGenerator(checkpoint, HIFIGAN_V3);
  // Fold off: train() recomputes w = g·v/‖v‖ in every forward, as torch's weight_norm hook does.
  return fold ? ((await foldWeightNorm(loaded.eval())) as Generator) : loaded.train();
}

/**
 * One vocoder run as the page shows it: select the backend, build the generator from the
 * checkpoint bytes (once per backend and fold setting; folding rewrites the model, so the two are
 * separate), vocode, and compare with torch's waveform.
 */
export async function runVocoder(
  assets: DemoAssets,
  req: VocoderRequest,
  onProgress: (done: number, total: number, stage: string) => void,
): Promise<VocoderResult> {
  await setBackend(req.backend);
  const backend = await getBackendInstance(req.backend);
  onProgress(0, 1, 'reading checkpoint');
  const key = `${req.backend}/${req.fold ? 'folded' : 'weight-norm'}`;
  let pending = models.get(key);
  if (!pending) {
    pending = buildModel(assets.checkpoint, req.fold);
    models.set(key, pending);
    pending.catch(() => models.delete(key));
  }
  const model = await pending;
  const mel = tensor(req.clip.mel.data as Float32Array, req.clip.mel.shape);
  const start = performance.now();
  const audio = await vocode(model, mel, { onProgress });
  const ms = performance.now() - start;
  mel.dispose();
  const seconds = audio.length / assets.sampleRate;
  return {
    audio,
    wav: encodeWav(audio, assets.sampleRate),
    seconds,
    ms,
    rtf: ms / 1000 / seconds,
    error: maxAbsError(audio, req.clip.torchAudio),
    backendInfo: backend.describe?.() ?? req.backend,
  };
}
