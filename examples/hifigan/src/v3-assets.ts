/**
 * The committed V3 files (tools/fixtures/gen_hifigan.py, PyTorch 1.13, fixed seed; random weights,
 * not a trained voice): the checkpoint as torch.save wrote it and as safetensors (both float16), and
 * a mel with torch's float32 waveform for it. URLs, so no Node API is needed to name them.
 */
export const V3_ASSETS = {
  /** `torch.save({'generator': state_dict})`, float16 storages. */
  pt: new URL('../assets/hifigan-v3.pt', import.meta.url),
  /** The same state dict as safetensors (F16). */
  safetensors: new URL('../assets/hifigan-v3.safetensors', import.meta.url),
  /** `mel` [1, 80, 172] (≈2 s at 22.05 kHz, hop 256) and torch's `audio` [1, 1, 44032]. */
  melAndAudio: new URL('../assets/mel-and-audio.safetensors', import.meta.url),
  sampleRate: 22050,
} as const;
