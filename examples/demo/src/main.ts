import { readFileSync } from 'node:fs';
import { getBackend, setBackend, type Tensor } from '@weightnorm/core';
import { foldWeightNorm, readSafetensors, type Module } from '@weightnorm/nn';
import { buildConvStack } from './build-model.js';

const asset = new URL('../assets/conv-stack.safetensors', import.meta.url);

function maxAbsError(a: Float32Array, b: Float32Array): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

/** Median ms per forward after warm-up runs (the first calls pay for JIT compilation). */
async function timeForward(model: Module, mel: Tensor, runs: number): Promise<{ ms: number; out: Float32Array }> {
  let out: Float32Array = new Float32Array();
  for (let i = 0; i < 3; i++) out = await model.forward(mel).data(); // in eval mode this also fills the folded-weight cache
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    out = await model.forward(mel).data();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(runs / 2)]!, out };
}

async function main(): Promise<void> {
  await setBackend(getBackend()); // WEIGHTNORM_BACKEND or cpu; fails loudly if it cannot start
  const { tensors } = await readSafetensors(readFileSync(asset));
  const { mel, audio, ...stateDict } = tensors;
  const want = await audio!.data();

  const model = buildConvStack();
  await model.loadStateDict(stateDict);
  console.log(`weightnorm demo — backend: ${getBackend()}`);
  console.log(`model: 4 weight-normed convs (torch checkpoint, ${Object.keys(stateDict).length} tensors), mel [${mel!.shape.join(', ')}] → audio [${audio!.shape.join(', ')}]`);

  // Let the JIT compile the kernels first, so the first mode measured is not charged for it.
  for (let i = 0; i < 10; i++) await model.forward(mel!).data();
  const rows: [string, number, number][] = [];
  for (const mode of ['train', 'eval'] as const) {
    if (mode === 'train') model.train();
    else model.eval();
    const { ms, out } = await timeForward(model, mel!, 11);
    rows.push([`${mode} (weight norm ${mode === 'train' ? 'recomputed each call' : 'computed once, cached'})`, maxAbsError(out, want), ms]);
  }
  const folded = await foldWeightNorm(model);
  const { ms, out } = await timeForward(folded, mel!, 11);
  rows.push(['folded (removeWeightNorm on every conv)', maxAbsError(out, want), ms]);

  for (const [label, err, t] of rows) {
    console.log(`${label.padEnd(52)} max |error| vs torch ${err.toExponential(2)}   ${t.toFixed(2)} ms/forward (median)`);
  }
  const worst = Math.max(...rows.map((r) => r[1]));
  const ok = worst <= 1e-5;
  console.log(ok ? `parity OK: max |error| ${worst.toExponential(2)} ≤ 1e-5` : `parity FAILED: max |error| ${worst.toExponential(2)} > 1e-5`);
  if (!ok) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? `${e.name}: ${e.message}` : e);
  process.exitCode = 1;
});
