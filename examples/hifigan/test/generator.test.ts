import { tensor, ShapeError } from '@weightnorm/core';
import { manualSeed } from '@weightnorm/nn';
import { describe, expect, it } from 'vitest';
import { createGenerator, encodeWav, HIFIGAN_V1, HIFIGAN_V3, vocode, type HifiganConfig } from '../src/index.js';
import { maxAbsDiff } from './assets.js';

describe('createGenerator', () => {
  it('V1 has the original keys and shapes; the upsamplers are normed along their input channels', () => {
    const sd = createGenerator(HIFIGAN_V1).stateDict();
    const keys = Object.keys(sd);
    // 1 conv_pre + 4 ups + 12 ResBlock1 × 6 convs + conv_post, 3 tensors each.
    expect(keys.length).toBe(3 * (1 + 4 + 12 * 6 + 1));
    expect(keys.slice(0, 6)).toEqual(['conv_pre.bias', 'conv_pre.weight_g', 'conv_pre.weight_v', 'ups.0.bias', 'ups.0.weight_g', 'ups.0.weight_v']);
    expect(keys).toContain('resblocks.3.convs1.1.weight_v');
    expect(keys.at(-1)).toBe('conv_post.weight_v');
    expect(sd['conv_pre.weight_v']!.shape).toEqual([512, 80, 7]);
    // ConvTranspose1d weight is [in, out, k]; torch's weight_norm dim=0 keeps the in axis.
    expect(sd['ups.0.weight_v']!.shape).toEqual([512, 256, 16]);
    expect(sd['ups.0.weight_g']!.shape).toEqual([512, 1, 1]);
    expect(sd['ups.3.weight_v']!.shape).toEqual([64, 32, 4]);
    expect(sd['resblocks.11.convs1.2.weight_v']!.shape).toEqual([32, 32, 11]);
    expect(sd['conv_post.weight_v']!.shape).toEqual([1, 32, 7]);
    const params = Object.values(sd).reduce((n, t) => n + t.size, 0);
    expect(params).toBe(13_936_130); // sum(p.numel()) of the torch V1 generator with weight_norm
  });

  it('V3 uses ResBlock2 (`convs.M`) and 256 channels', () => {
    const sd = createGenerator(HIFIGAN_V3).stateDict();
    expect(Object.keys(sd).length).toBe(69);
    expect(sd['resblocks.8.convs.1.weight_v']!.shape).toEqual([32, 32, 7]);
    expect(sd['ups.2.weight_v']!.shape).toEqual([64, 32, 8]);
    expect(Object.values(sd).reduce((n, t) => n + t.size, 0)).toBe(1_464_322); // as printed by gen_hifigan.py
  });

  it.each([
    [{ resblock: '3' }, 'resblock'],
    [{ upsample_kernel_sizes: [16, 16] }, 'upsample_kernel_sizes'],
    [{ resblock_dilation_sizes: [[1, 2], [2, 6]] }, 'resblock_dilation_sizes'],
    [{ resblock_dilation_sizes: [[1, 2], [2, 6], [3, 12, 5]] }, 'resblock_dilation_sizes[2]'],
    [{ upsample_initial_channel: 100 }, 'upsample_initial_channel'],
    [{ upsample_rates: [8, 0, 4] }, 'upsample_rates'],
  ])('rejects %o naming %s', (patch, argument) => {
    const bad = { ...HIFIGAN_V3, ...patch } as HifiganConfig;
    expect(() => createGenerator(bad)).toThrow(ShapeError);
    try {
      createGenerator(bad);
    } catch (e) {
      expect((e as ShapeError).argument).toBe(argument);
      expect((e as ShapeError).op).toBe('createGenerator');
    }
  });
});

describe('vocode', () => {
  const tiny: HifiganConfig = {
    resblock: '1',
    upsample_rates: [2, 2],
    upsample_kernel_sizes: [4, 4],
    upsample_initial_channel: 8,
    resblock_kernel_sizes: [3, 5],
    resblock_dilation_sizes: [[1, 3, 5], [1, 3, 5]],
    num_mels: 4,
  };

  it('equals forward() and accepts [bins, T] and [1, bins, T]', async () => {
    manualSeed(5);
    const g = createGenerator(tiny);
    const mel = tensor(Float32Array.from({ length: 4 * 6 }, (_, i) => Math.sin(i)), [1, 4, 6]);
    const direct = await g.forward(mel).data();
    expect(direct.length).toBe(24);
    expect(maxAbsDiff(await vocode(g, mel), direct)).toBe(0);
    expect(maxAbsDiff(await vocode(g, mel.squeeze(0)), direct)).toBe(0);
  });

  it('rejects a mel with the wrong number of bins', async () => {
    const g = createGenerator(tiny);
    await expect(vocode(g, tensor(new Float32Array(30), [1, 5, 6]))).rejects.toThrow('vocode: mel must be a tensor [4, T] or [1, 4, T]; received [1, 5, 6]');
  });
});

describe('encodeWav', () => {
  it('writes a 16-bit mono PCM header and clipped samples', () => {
    const wav = encodeWav(Float32Array.from([0, 0.5, -1, 2, NaN]), 22050);
    const view = new DataView(wav.buffer);
    expect(new TextDecoder().decode(wav.subarray(0, 4))).toBe('RIFF');
    expect(view.getUint32(4, true)).toBe(36 + 10);
    expect(view.getUint32(24, true)).toBe(22050);
    expect(view.getUint16(34, true)).toBe(16);
    expect(view.getUint32(40, true)).toBe(10);
    expect([0, 1, 2, 3, 4].map((i) => view.getInt16(44 + 2 * i, true))).toEqual([0, 16384, -32767, 32767, 0]);
    expect(() => encodeWav(new Float32Array(1), 0)).toThrow('encodeWav: sampleRate must be a positive integer (Hz); received 0');
  });
});
