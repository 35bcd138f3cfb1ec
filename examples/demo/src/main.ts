import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getBackend, setBackend } from '@weightnorm/core';
import { encodeWav, HIFIGAN_V3, loadGenerator, V3_ASSETS, vocode, type Generator } from '@weightnorm/hifigan';
import { foldWeightNorm, loadSafetensors } from '@weightnorm/nn';
import { progress } from './progress.js';

const TOLERANCE = 1e-4;
const outDir = fileURLToPath(new URL('../out/', import.meta.url));

function maxAbsError(a: Float32Array, b: Float32Array): number {
  let worst = a.length === b.length ? 0 : Infinity;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i]! - b[i]!);
    worst = Number.isNaN(d) ? Infinity : Math.max(worst, d); // a NaN sample is a failure, not a skip
  }
  return worst;
}

async function main(): Promise<void> {
  await setBackend(getBackend()); // WEIGHTNORM_BACKEND or cpu; fails loudly if it cannot start
  const backend = getBackend();
  const io = await loadSafetensors(fileURLToPath(V3_ASSETS.melAndAudio));
  const mel = io.mel!;
  const want = await io.audio!.data();
  const seconds = want.length / V3_ASSETS.sampleRate;

  const loadStart = performance.now();
  const generator = await loadGenerator(fileURLToPath(V3_ASSETS.pt), HIFIGAN_V3);
  const loadMs = performance.now() - loadStart;
  console.log(`weightnorm HiFi-GAN demo — backend: ${backend}`);
  console.log(
    `model: HiFi-GAN V3 generator, ${Object.keys(generator.stateDict()).length} tensors from a torch.save .pt (read in ${loadMs.toFixed(0)} ms, no Python)`,
  );
  console.log(`input: mel [${mel.shape.join(', ')}] → ${want.length} samples (${seconds.toFixed(2)} s at ${V3_ASSETS.sampleRate} Hz)`);

  // One untimed pass first, so JIT compilation (and GPU pipeline creation) is not charged to a mode.
  await vocode(generator, mel, { onProgress: progress('warm-up') });

  const run = async (label: string, model: Generator) => {
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    const audio = await vocode(model, mel, { onProgress: progress(label) });
    const ms = performance.now() - start;
    // CPU time of this process too: on a busy machine wall time overstates the cpu backend's cost.
    const cpu = process.cpuUsage(cpuStart);
    return { label, audio, ms, cpuMs: (cpu.user + cpu.system) / 1000, err: maxAbsError(audio, want) };
  };
  const rows = [await run('weight norm (train)', generator.train())];
  rows.push(await run('folded', (await foldWeightNorm(generator.eval())) as Generator));

  mkdirSync(outDir, { recursive: true });
  const wavPath = `${outDir}hifigan-v3-${backend}.wav`;
  writeFileSync(wavPath, encodeWav(rows[0]!.audio, V3_ASSETS.sampleRate));

  for (const { label, err, ms, cpuMs } of rows) {
    const rtf = ms / 1000 / seconds;
    console.log(
      `${label.padEnd(22)} max |error| vs torch ${err.toExponential(2)}   ${(ms / 1000).toFixed(2)} s (process CPU ${(cpuMs / 1000).toFixed(2)} s)   ` +
        `real-time factor ${rtf.toFixed(2)} (${rtf < 1 ? 'faster' : 'slower'} than real time)`,
    );
  }
  console.log(`wrote ${wavPath} (16-bit PCM, ${V3_ASSETS.sampleRate} Hz, mono)`);
  const worst = Math.max(...rows.map((r) => r.err));
  const ok = worst <= TOLERANCE;
  console.log(ok ? `parity OK: max |error| ${worst.toExponential(2)} ≤ ${TOLERANCE}` : `parity FAILED: max |error| ${worst.toExponential(2)} > ${TOLERANCE}`);
  if (!ok) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? `${e.name}: ${e.message}` : e);
  process.exitCode = 1;
});
