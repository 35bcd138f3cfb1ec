// The A/B test behind packages/bench's --settle-ms (README, Method): ours-cpu's call right after a
// peer's call, with the gap between them alternating (0 / 100 / 300 ms) so the machine's drifting
// load hits every gap alike. Uses the built harness: `pnpm exec tsc -b` in packages/bench first.
//   node tools/bench/settle-ab.mjs ort-node [w2-conv1d-d1-train] [rounds]
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dist = new URL('../../packages/bench/dist/', import.meta.url);
const { CONTENDERS } = await import(new URL('contenders/index.js', dist).href);
const { WORKLOADS } = await import(new URL('workloads/index.js', dist).href);
const { makeInputs } = await import(new URL('workloads/make-inputs.js', dist).href);
const { ContenderSession } = await import(new URL('harness/contender-session.js', dist).href);

const [peer, caseId = 'w2-conv1d-d1-train', rounds = '8'] = process.argv.slice(2);
const gaps = [0, 100, 300];
const c = WORKLOADS.flatMap((w) => w.cases(false)).find((x) => x.id === caseId);
if (!peer || !c || !CONTENDERS.some((e) => e.name === peer)) {
  console.error(`usage: settle-ab.mjs <${CONTENDERS.map((e) => e.name).join('|')}> [case id] [rounds]`);
  process.exit(2);
}
const dir = join(tmpdir(), `settle-ab-${process.pid}`);
mkdirSync(dir, { recursive: true });
for (const [n, d] of makeInputs(c)) writeFileSync(join(dir, `${n}.f32`), new Uint8Array(d.buffer, d.byteOffset, d.byteLength));
const options = {
  python: process.env.WEIGHTNORM_BENCH_PYTHON ?? '/usr/bin/python3',
  torchScript: new URL('torch_worker.py', import.meta.url).pathname,
  maxRetries: 0,
  callTimeoutMs: 300_000,
};
const session = async (name) => {
  const s = new ContenderSession(CONTENDERS.find((e) => e.name === name), options);
  for (const r of [await s.start(), await s.setup(c, dir, join(dir, `${name}.out.f32`))]) if (!r.ok) throw new Error(`${name}: ${r.message}`);
  return s;
};
try {
  const ours = await session('ours-cpu');
  const other = await session(peer);
  const ms = new Map(gaps.map((g) => [g, []]));
  for (let i = 0; i < Number(rounds); i++) {
    for (const g of i % 2 ? [...gaps].reverse() : gaps) {
      await other.run(c.id);
      await new Promise((resolve) => setTimeout(resolve, g));
      ms.get(g).push((await ours.run(c.id)).ms);
    }
  }
  const median = (a) => {
    const s = [...a].sort((x, y) => x - y);
    return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  };
  for (const [g, a] of ms) console.log(`${caseId} after ${peer}, gap ${g} ms: ours-cpu median ${median(a).toFixed(0)} ms, min ${Math.min(...a).toFixed(0)}, max ${Math.max(...a).toFixed(0)} (n=${a.length})`);
  await ours.close();
  await other.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
