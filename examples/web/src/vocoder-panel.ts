import { registerBackend } from '@weightnorm/core';
import { webgpuBackend } from '@weightnorm/backend-webgpu';
import type { DemoAssets } from './demo-assets.js';
import { drawMel } from './draw-mel.js';
import { drawWaveform } from './draw-waveform.js';
import { elementById } from './element-by-id.js';
import { probeWebgpu } from './probe-webgpu.js';
import { forgetModels, runVocoder } from './run-vocoder.js';
import { showMessage } from './show-message.js';

/** What the panel exposes on window for trying the failure paths by hand (and for the browser test). */
export interface VocoderPanelHooks {
  /** Destroys the webgpu device, as a driver reset would; the page must say so and recover. */
  loseDevice(): Promise<boolean>;
}

/**
 * The vocoder panel: backend, mel and fold pickers, the Vocode button, progress, results
 * (RTF, error vs torch, backend and adapter), waveform and mel pictures and the audio player.
 */
export async function setupVocoderPanel(assets: Promise<DemoAssets>): Promise<VocoderPanelHooks> {
  const backendSelect = elementById<HTMLSelectElement>('backend');
  const melSelect = elementById<HTMLSelectElement>('mel');
  const fold = elementById<HTMLInputElement>('fold');
  const button = elementById<HTMLButtonElement>('vocode');
  const progress = elementById<HTMLProgressElement>('progress');
  const status = elementById<HTMLElement>('vocode-status');
  const gpuMessage = elementById<HTMLElement>('gpu-message');
  const audio = elementById<HTMLAudioElement>('audio');
  const setStatus = (state: string, text: string) => {
    status.dataset.state = state;
    status.textContent = text;
  };
  const webgpuOption = backendSelect.querySelector<HTMLOptionElement>('option[value="webgpu"]')!;
  /** The open webgpu device, as far as the page needs it (typed here so the page needs no @webgpu/types). */
  type LosableDevice = { destroy(): void; readonly lost: Promise<{ reason: string; message: string }> };
  let lostContext: { device: LosableDevice } | null = null;

  const probe = async () => {
    const found = await probeWebgpu();
    webgpuOption.disabled = !found.ok;
    if (!found.ok) {
      showMessage(gpuMessage, 'warn', found.reason);
      backendSelect.value = 'cpu';
      return;
    }
    showMessage(gpuMessage, 'ok', `WebGPU available — ${found.description}`);
    backendSelect.value = 'webgpu';
    const context: { device: LosableDevice } = found.context;
    lostContext = context;
    void context.device.lost.then((info) => {
      if (lostContext !== context) return;
      lostContext = null;
      // A new factory registration drops core's cached instance, so the next run opens a fresh device.
      registerBackend(webgpuBackend.name, webgpuBackend.create);
      forgetModels('webgpu');
      webgpuOption.disabled = true;
      backendSelect.value = 'cpu';
      showMessage(
        gpuMessage,
        'error',
        `The WebGPU device was lost (${info.reason}${info.message ? `: ${info.message}` : ''}). Switched to cpu; reopening the GPU…`,
      );
      void probe().then(() => {
        if (!webgpuOption.disabled) showMessage(gpuMessage, 'warn', `The WebGPU device was lost (${info.reason}) and has been reopened — ${gpuMessage.textContent?.replace(/^WebGPU available — /, '')}`);
      });
    });
  };
  const [loaded] = await Promise.all([
    assets.catch((e: unknown) => {
      setStatus('failed', `Could not load the demo files: ${e instanceof Error ? e.message : String(e)}`);
      throw e;
    }),
    probe(),
  ]);
  const clipOf = () => (melSelect.value === 'clip' ? loaded.clips.clip : loaded.clips.full);
  const showMel = () => {
    const { mel } = clipOf();
    drawMel(elementById<HTMLCanvasElement>('mel-canvas'), mel.data as Float32Array, mel.shape[mel.shape.length - 2]!, mel.shape[mel.shape.length - 1]!);
  };
  melSelect.addEventListener('change', showMel);
  showMel();
  setStatus('idle', 'Ready.');
  button.disabled = false;

  let audioUrl: string | null = null;
  button.addEventListener('click', () => {
    const backend = backendSelect.value;
    const clip = clipOf();
    button.disabled = true;
    progress.value = 0;
    setStatus('running', `Vocoding the ${clip.label} on ${backend}…`);
    runVocoder(loaded, { backend, fold: fold.checked, clip }, (done, total, stage) => {
      progress.value = done / total;
      setStatus('running', `Vocoding on ${backend}: ${stage} (${done}/${total})`);
    })
      .then((r) => {
        elementById('backend-info').textContent = `${backend}${fold.checked ? ' (folded)' : ' (weight norm)'} — ${r.backendInfo}`;
        elementById('rtf').textContent = `${r.rtf.toFixed(3)} (${(r.ms / 1000).toFixed(2)} s for ${r.seconds.toFixed(3)} s of audio; ${r.rtf < 1 ? 'faster' : 'slower'} than real time)`;
        const errorEl = elementById('error');
        errorEl.textContent = r.error.toExponential(2);
        errorEl.dataset.value = String(r.error);
        elementById('rtf').dataset.value = String(r.rtf);
        drawWaveform(elementById<HTMLCanvasElement>('waveform'), r.audio);
        if (audioUrl) URL.revokeObjectURL(audioUrl);
        audioUrl = URL.createObjectURL(new Blob([r.wav as BlobPart], { type: 'audio/wav' }));
        audio.src = audioUrl;
        progress.value = 1;
        setStatus('done', `Done: ${r.audio.length} samples at ${loaded.sampleRate} Hz, max |error| vs torch ${r.error.toExponential(2)} (${r.error <= 1e-4 ? 'within' : 'ABOVE'} 1e-4).`);
      })
      .catch((e: unknown) => {
        // A lost device also shows in the WebGPU message line (device.lost above); this says what the run hit.
        setStatus('failed', `Failed on ${backend}: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
      })
      .finally(() => {
        button.disabled = false;
      });
  });

  return {
    async loseDevice() {
      if (!lostContext) return false;
      lostContext.device.destroy();
      return true;
    },
  };
}
