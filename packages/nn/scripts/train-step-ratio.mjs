#!/usr/bin/env node
// Times one training step (forward + backward, every gradient evaluated) of a weight-normed
// Conv1d 512→512 k3 on [1, 512, 8192] against the same step on the plain Conv1d, on the cpu
// backend: interleaved runs, median of each, and the ratio (goal ≤ 1.10×). When /usr/bin/python3
// has torch, measures the same ratio in torch CPU in the same run (a subprocess, one thread, as
// our cpu backend uses one).
//
//   node packages/nn/scripts/train-step-ratio.mjs [--runs 10]     (after building core, cpu and nn)
import { spawnSync } from 'node:child_process';
import { setBackend, tensor } from '@weightnorm/core';
import { Conv1d, valueAndGrad, weightNorm } from '@weightnorm/nn';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 10;
const C = 512;
const K = 3;
const L = 8192;

function random(n, seed) {
  let s = seed;
  const a = new Float32Array(n);
  for (let i = 0; i < n; i++) a[i] = ((s = (s * 16807) % 2147483647) / 2147483647) * 2 - 1;
  return a;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  await setBackend('cpu');
  const plain = new Conv1d(C, C, K, { padding: 1 });
  const wrapped = weightNorm(new Conv1d(C, C, K, { padding: 1 }));
  // Same effective weight and bias in both, so both steps do the same convolutions.
  await wrapped.layer.parameterTable().get('weight_v').assign(plain.weight);
  await wrapped.layer.parameterTable().get('weight_g').assign(await normsOf(plain.weight));
  await wrapped.layer.parameterTable().get('bias').assign(plain.bias);
  const x = tensor(random(C * L, 1), [1, C, L]);
  const r = tensor(random(C * L, 2), [1, C, L]);

  // Wall time, and this process's CPU time: the cpu backend runs on one thread, so CPU time is
  // the step's own work and barely moves when other jobs share the machine.
  const step = async (model) => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const { value, grads } = await valueAndGrad(model.train(), (m) => m.forward(x).mul(r).sum());
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    value.dispose();
    for (const g of Object.values(grads)) g.dispose();
    return { wall, cpu: (c.user + c.system) / 1000 };
  };

  await step(plain);
  await step(wrapped);
  const times = { plain: [], weightNorm: [] };
  for (let i = 0; i < RUNS; i++) {
    // Alternate which goes first, so a slow spell on the shared machine hits both alike.
    const order = i % 2 === 0 ? ['plain', 'weightNorm'] : ['weightNorm', 'plain'];
    for (const which of order) times[which].push(await step(which === 'plain' ? plain : wrapped));
  }
  console.log(`weightnorm cpu: train step (fwd+bwd) Conv1d ${C}→${C} k${K} L${L} batch 1, median of ${RUNS} interleaved runs`);
  for (const kind of ['wall', 'cpu']) {
    const p = median(times.plain.map((t) => t[kind]));
    const w = median(times.weightNorm.map((t) => t[kind]));
    console.log(`  ${kind} time: plain ${p.toFixed(0)} ms, weight-normed ${w.toFixed(0)} ms, ratio ${(w / p).toFixed(3)}× (goal ≤ 1.10×)`);
    console.log(`    plain runs: ${times.plain.map((t) => t[kind].toFixed(0)).join(' ')}`);
    console.log(`    weight-normed runs: ${times.weightNorm.map((t) => t[kind].toFixed(0)).join(' ')}`);
  }

  const torch = torchRatio();
  if (torch) {
    console.log(`torch ${torch.version} cpu (${torch.threads} thread), same shapes, median of ${RUNS} interleaved runs:`);
    for (const kind of ['wall', 'cpu']) {
      const t = torch[kind];
      console.log(`  ${kind} time: plain ${t.plainMs.toFixed(0)} ms, weight-normed ${t.weightNormMs.toFixed(0)} ms, ratio ${(t.weightNormMs / t.plainMs).toFixed(3)}×`);
    }
  } else {
    console.log('torch: /usr/bin/python3 with torch not found; torch ratio not measured');
  }
}

async function normsOf(w) {
  return w.mul(w).sum([1, 2], true).sqrt();
}

const TORCH_SCRIPT = `
import json, statistics, sys, time, torch
from torch.nn.utils import weight_norm
torch.set_num_threads(1)
runs = int(sys.argv[1])
torch.manual_seed(0)
plain = torch.nn.Conv1d(${C}, ${C}, ${K}, padding=1)
wrapped = weight_norm(torch.nn.Conv1d(${C}, ${C}, ${K}, padding=1))
x = torch.randn(1, ${C}, ${L})
r = torch.randn(1, ${C}, ${L})
def step(m):
    m.zero_grad(set_to_none=True)
    t0, c0 = time.perf_counter(), time.process_time()
    (m(x) * r).sum().backward()
    return (time.perf_counter() - t0) * 1000, (time.process_time() - c0) * 1000
step(plain); step(wrapped)
times = {"plain": [], "wn": []}
for i in range(runs):
    for which in (("plain", "wn") if i % 2 == 0 else ("wn", "plain")):
        times[which].append(step(plain if which == "plain" else wrapped))
out = {"version": torch.__version__, "threads": torch.get_num_threads()}
for j, kind in enumerate(("wall", "cpu")):
    out[kind] = {"plainMs": statistics.median(t[j] for t in times["plain"]), "weightNormMs": statistics.median(t[j] for t in times["wn"])}
print(json.dumps(out))
`;

function torchRatio() {
  const res = spawnSync('/usr/bin/python3', ['-c', TORCH_SCRIPT, String(RUNS)], { encoding: 'utf8' });
  if (res.error || res.status !== 0) return null;
  try {
    return JSON.parse(res.stdout.trim().split('\n').at(-1));
  } catch {
    return null;
  }
}

await main();
