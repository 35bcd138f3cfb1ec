/**
 * The generator part of a HiFi-GAN config.json, with the original field names, so a config from
 * jik876/hifi-gan can be passed as parsed.
 */
export interface HifiganConfig {
  /** '1': ResBlock1 (pairs of dilated + plain convs); '2': ResBlock2 (dilated convs only). */
  resblock: '1' | '2';
  upsample_rates: number[];
  upsample_kernel_sizes: number[];
  upsample_initial_channel: number;
  resblock_kernel_sizes: number[];
  resblock_dilation_sizes: number[][];
  /** Mel bins of the input; the original code fixes 80. */
  num_mels?: number;
}

/** config_v1.json: the full-size model (≈14M parameters), hop 256. */
export const HIFIGAN_V1: Readonly<HifiganConfig> = Object.freeze({
  resblock: '1',
  upsample_rates: [8, 8, 2, 2],
  upsample_kernel_sizes: [16, 16, 4, 4],
  upsample_initial_channel: 512,
  resblock_kernel_sizes: [3, 7, 11],
  resblock_dilation_sizes: [[1, 3, 5], [1, 3, 5], [1, 3, 5]],
});

/** config_v3.json: the small, fast model (≈1.5M parameters), hop 256. */
export const HIFIGAN_V3: Readonly<HifiganConfig> = Object.freeze({
  resblock: '2',
  upsample_rates: [8, 8, 4],
  upsample_kernel_sizes: [16, 16, 8],
  upsample_initial_channel: 256,
  resblock_kernel_sizes: [3, 5, 7],
  resblock_dilation_sizes: [[1, 2], [2, 6], [3, 12]],
});
