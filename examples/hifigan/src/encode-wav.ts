import { WeightnormError } from '@weightnorm/core';

/**
 * A mono 16-bit PCM WAV file of `samples` (floats in [-1, 1]; values beyond are clipped), the
 * format every audio player reads.
 *
 * @example
 * writeFileSync('out.wav', encodeWav(audio, 22050));
 */
export function encodeWav(samples: Float32Array, sampleRate: number): Uint8Array {
  if (!Number.isInteger(sampleRate) || sampleRate < 1) {
    throw new WeightnormError({ op: 'encodeWav', argument: 'sampleRate', allowed: 'a positive integer (Hz)', received: sampleRate });
  }
  const dataBytes = samples.length * 2;
  const out = new Uint8Array(44 + dataBytes);
  const view = new DataView(out.buffer);
  const ascii = (at: number, s: string) => [...s].forEach((c, i) => (out[at + i] = c.charCodeAt(0)));
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true); // fmt chunk size
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true); // bytes per second
  view.setUint16(32, 2, true); // block align
  view.setUint16(34, 16, true); // bits per sample
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
  for (let i = 0; i < samples.length; i++) {
    // NaN becomes silence rather than a full-scale click.
    const s = Number.isNaN(samples[i]!) ? 0 : Math.max(-1, Math.min(1, samples[i]!));
    view.setInt16(44 + 2 * i, Math.round(s * 32767), true);
  }
  return out;
}
