import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCheckpoint, foldWeightNorm, loadSafetensors } from '@weightnorm/nn';
import { describe, expect, it } from 'vitest';
import { createGenerator, HIFIGAN_V3, loadGenerator, vocode, type Generator } from '../src/index.js';
import { asset, maxAbsDiff } from './assets.js';

// torch's float32 waveform for the committed V3 checkpoint and mel (tools/fixtures/gen_hifigan.py).
const io = await loadSafetensors(asset('mel-and-audio.safetensors'));
const mel = io.mel!;
const torchAudio = await io.audio!.data();

describe('HiFi-GAN V3 from the committed torch checkpoint', () => {
  it('reads the .pt and the safetensors to identical tensors, key for key and bit for bit', () => {
    const pt = readCheckpoint(new Uint8Array(readFileSync(asset('hifigan-v3.pt'))));
    const st = readCheckpoint(new Uint8Array(readFileSync(asset('hifigan-v3.safetensors'))));
    expect(pt.format).toBe('pt');
    expect(st.format).toBe('safetensors');
    // The .pt wraps the state dict as the original training script does: {'generator': state_dict}.
    expect([...pt.tensors.keys()]).toEqual([...st.tensors.keys()].map((k) => `generator.${k}`));
    expect(pt.tensors.size).toBe(69);
    for (const [key, want] of st.tensors) {
      const got = pt.tensors.get(`generator.${key}`)!;
      expect({ key, dtype: got.dtype, shape: got.shape, source: got.sourceDType }).toEqual({ key, dtype: want.dtype, shape: want.shape, source: 'F16' });
      expect(Buffer.from(got.data.buffer, got.data.byteOffset, got.data.byteLength).equals(Buffer.from(want.data.buffer, want.data.byteOffset, want.data.byteLength)), key).toBe(true);
    }
  });

  let generator: Generator;
  let unfolded: Float32Array;

  it('matches torch\'s waveform within 1e-4 (train mode: weight norm recomputed in the forward)', async () => {
    generator = await loadGenerator(asset('hifigan-v3.pt'), HIFIGAN_V3);
    expect(mel.shape).toEqual([1, 80, 172]);
    const stages: string[] = [];
    unfolded = await vocode(generator.train(), mel, { onProgress: (done, total, stage) => stages.push(`${done}/${total} ${stage}`) });
    expect(stages).toEqual(['1/5 conv_pre', '2/5 ups.0', '3/5 ups.1', '4/5 ups.2', '5/5 conv_post']);
    expect(unfolded.length).toBe(172 * 256);
    const err = maxAbsDiff(unfolded, torchAudio);
    console.log(`V3 parity: max |weightnorm − torch| = ${err.toExponential(2)} over ${unfolded.length} samples (|audio| ≤ ${Math.max(...torchAudio.map(Math.abs)).toFixed(3)})`);
    expect(err).toBeLessThanOrEqual(1e-4);
  }, 300_000);

  it('gives the same waveform after folding the weight norm away (removeWeightNorm on all 23 convs)', async () => {
    const safetensorsModel = await loadGenerator(asset('hifigan-v3.safetensors'), HIFIGAN_V3);
    const folded = await foldWeightNorm(safetensorsModel.eval());
    expect(Object.keys(folded.stateDict()).filter((k) => k.endsWith('_g') || k.endsWith('_v'))).toEqual([]);
    expect(Object.keys(folded.stateDict())).toContain('resblocks.4.convs.1.weight');
    const out = await vocode(folded as Generator, mel);
    const err = maxAbsDiff(out, unfolded);
    console.log(`V3 fold: max |folded − unfolded| = ${err.toExponential(2)}; vs torch ${maxAbsDiff(out, torchAudio).toExponential(2)}`);
    expect(err).toBeLessThanOrEqual(1e-6);
  }, 300_000);

  it('a checkpoint folded by the `weightnorm fold` CLI drives a folded generator to the same waveform', async () => {
    const bin = fileURLToPath(new URL('../../../packages/nn/bin/weightnorm.js', import.meta.url));
    const out = join(mkdtempSync(join(tmpdir(), 'wn-hifigan-')), 'folded.safetensors');
    const r = spawnSync(process.execPath, [bin, 'fold', '--key', 'generator', asset('hifigan-v3.pt'), out], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toContain('folded 23 weight-normed parameters');
    const plain = (await foldWeightNorm(createGenerator(HIFIGAN_V3))) as Generator;
    await plain.loadStateDict(await loadSafetensors(out));
    const audio = await vocode(plain, mel);
    const err = maxAbsDiff(audio, unfolded);
    console.log(`V3 CLI fold: max |CLI-folded − unfolded| = ${err.toExponential(2)}; vs torch ${maxAbsDiff(audio, torchAudio).toExponential(2)}`);
    expect(err).toBeLessThanOrEqual(1e-6);
  }, 300_000);
});
