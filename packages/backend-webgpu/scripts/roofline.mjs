#!/usr/bin/env node
// Effective bandwidth of the fused weight-norm kernel next to a plain copy kernel on the same
// adapter (the roofline), for v of 512×512×3 and 4096×4096 with dim 0, float32. The copy kernel
// uses the elementwise kernels' layout (one element per invocation); copyBufferToBuffer is the
// queue's own copy, for reference.
//
//   pnpm exec tsc -b && node scripts/roofline.mjs
//
// Each measurement runs in its own child process; lavapipe segfaults in a fraction of processes
// on large dispatches, so a child killed by a signal is run again (at most 4 times) and the count
// is printed next to the result. GB/s counts the bytes the operation must move at least: the
// weight norm reads v and g once and writes w (n·4 + A·4 + n·4 bytes), the copy reads and writes
// n·4 bytes each. Time per run is wall clock over a batch of dispatches in one submit, waited on
// with onSubmittedWorkDone, after one warm-up batch; the fastest of three batches is reported.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createWebgpuBackend } from '../dist/index.js';
import { copyWgsl } from './copy.wgsl.mjs';

const CASES = [
  { shape: [512, 512, 3], batch: 20 },
  { shape: [4096, 4096], batch: 5 },
];
const MAX_RETRIES = 4;

if (process.argv[2] === '--child') {
  const [kind, shapeText, batchText] = process.argv.slice(3);
  console.log(JSON.stringify(await measure(kind, shapeText.split('x').map(Number), Number(batchText))));
} else {
  const rows = [];
  for (const { shape, batch } of CASES) {
    for (const kind of ['weight-norm', 'copy', 'copyBufferToBuffer']) {
      let retries = 0;
      let result;
      for (;;) {
        const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', kind, shape.join('x'), String(batch)], {
          encoding: 'utf8',
          timeout: 600_000,
        });
        if (child.signal && retries < MAX_RETRIES) {
          retries++;
          continue;
        }
        const line = child.stdout.split('\n').find((l) => l.startsWith('{'));
        if (!line) throw new Error(`${kind} ${shape.join('×')}: child failed (status ${child.status}, signal ${child.signal}):\n${child.stderr}`);
        result = JSON.parse(line);
        break;
      }
      rows.push({ ...result, retries });
    }
  }
  console.log(rows[0].device);
  console.log('kernel              v shape        ms/run   GB/s   retries');
  for (const r of rows) {
    console.log(`${r.kind.padEnd(18)}  ${r.shape.join('×').padEnd(12)}  ${r.ms.toFixed(3).padStart(7)}  ${r.gbps.toFixed(2).padStart(6)}   ${r.retries}`);
  }
  for (let i = 0; i < rows.length; i += 3) {
    const [wn, copy, memcpy] = rows.slice(i, i + 3);
    console.log(
      `${wn.shape.join('×')}: weight norm at ${(wn.gbps / copy.gbps).toFixed(2)}× the copy kernel, ${(wn.gbps / memcpy.gbps).toFixed(2)}× copyBufferToBuffer`,
    );
  }
}

async function measure(kind, shape, batch) {
  const backend = await createWebgpuBackend();
  const ctx = backend.context;
  const n = shape.reduce((a, b) => a * b, 1);
  const rows = shape[0];
  const values = new Float32Array(n);
  for (let i = 0; i < n; i++) values[i] = Math.sin(i * 12.9898) * 0.5;
  const v = ctx.upload(values, 'float32');
  const g = ctx.upload(Float32Array.from({ length: rows }, (_, i) => 1 + (i % 7) / 7), 'float32');
  const gShape = shape.map((d, i) => (i === 0 ? d : 1));
  const weightNorm = backend.kernels.get('WeightNorm');
  const encodeOne = async () => {
    let out;
    if (kind === 'weight-norm') {
      out = await weightNorm.run(ctx, { v: { storage: v, shape, dtype: 'float32' }, g: { storage: g, shape: gShape, dtype: 'float32' } }, { axis: 0, eps: 0 }, { shape, dtype: 'float32' });
    } else if (kind === 'copyBufferToBuffer') {
      // The queue's own copy, no shader: the adapter's memory roofline.
      out = ctx.alloc('float32', n);
      ctx.submit();
      const encoder = ctx.device.createCommandEncoder();
      encoder.copyBufferToBuffer(v.buffer, 0, out.buffer, 0, n * 4);
      ctx.device.queue.submit([encoder.finish()]);
    } else {
      out = ctx.alloc('float32', n);
      const groups = Math.ceil(n / 256);
      const max = ctx.facts.maxWorkgroupsPerDimension;
      await ctx.dispatch({
        kernel: 'Copy',
        key: 'f32',
        code: () => copyWgsl,
        inputs: [v],
        outputs: [out],
        meta: [n],
        workgroups: groups <= max ? [groups, 1, 1] : [max, Math.ceil(groups / max), 1],
      });
    }
    // The next dispatch may reuse the buffer: commands run in order, so this one is done with it.
    ctx.release(out);
  };
  const runBatch = async () => {
    for (let i = 0; i < batch; i++) await encodeOne();
    await ctx.flush();
    await ctx.device.queue.onSubmittedWorkDone();
  };
  await runBatch();
  // The fastest of three timed batches: on a shared machine the slower ones measure the neighbours.
  let ms = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    await runBatch();
    ms = Math.min(ms, (performance.now() - t0) / batch);
  }
  const bytes = kind === 'weight-norm' ? 8 * n + 4 * rows : 8 * n;
  const device = backend.describe();
  await backend.destroy();
  return { kind, shape, ms, gbps: bytes / (ms * 1e6), device };
}
