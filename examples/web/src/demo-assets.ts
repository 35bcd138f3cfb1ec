import { CheckpointError } from '@weightnorm/core';
import { parseSafetensors, type SafetensorsEntry } from '@weightnorm/nn';

/** A mel the page can vocode, with torch's float32 waveform for it. */
export interface MelClip {
  readonly label: string;
  readonly mel: SafetensorsEntry;
  readonly torchAudio: Float32Array;
}

export interface DemoAssets {
  /** The original-format checkpoint, `torch.save({'generator': state_dict})`, as bytes. */
  readonly checkpoint: Uint8Array;
  readonly clips: { readonly full: MelClip; readonly clip: MelClip };
  readonly sampleRate: number;
}

/** Where the build puts the committed files, relative to the page (scripts/site.mjs copies them). */
export const ASSET_URLS = {
  checkpoint: 'assets/hifigan-v3.pt',
  full: 'assets/mel-and-audio.safetensors',
  clip: 'assets/mel-clip-and-audio.safetensors',
} as const;

async function fetchBytes(url: string): Promise<Uint8Array> {
  const res = await fetch(url);
  if (!res.ok) throw new CheckpointError({ op: 'demo assets', argument: url, allowed: 'a file served beside the page', received: `HTTP ${res.status}` });
  return new Uint8Array(await res.arrayBuffer());
}

async function fetchClip(url: string, label: string): Promise<MelClip> {
  const { tensors } = parseSafetensors(await fetchBytes(url));
  const mel = tensors.get('mel');
  const audio = tensors.get('audio');
  if (!mel || !audio || mel.dtype !== 'float32' || audio.dtype !== 'float32') {
    throw new CheckpointError({ op: 'demo assets', argument: url, allowed: 'float32 tensors "mel" and "audio"', received: [...tensors.keys()] });
  }
  return { label, mel, torchAudio: audio.data as Float32Array };
}

/** Fetches the committed HiFi-GAN V3 checkpoint and the two mels with torch's waveforms. */
export async function fetchDemoAssets(base: string | URL = document.baseURI): Promise<DemoAssets> {
  const at = (p: string) => new URL(p, base).href;
  const [checkpoint, full, clip] = await Promise.all([
    fetchBytes(at(ASSET_URLS.checkpoint)),
    fetchClip(at(ASSET_URLS.full), 'full mel'),
    fetchClip(at(ASSET_URLS.clip), 'short clip'),
  ]);
  return { checkpoint, clips: { full, clip }, sampleRate: 22050 };
}
