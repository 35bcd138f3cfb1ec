// Kernel-level speed of the CPU backend's Conv and ConvTranspose on the bench's W2 and W3 shapes,
// for both GEMM paths in one run: `node scripts/bench-conv.mjs [iters]` after `pnpm build`
// (ONLY_WASM=1 skips the TypeScript GEMM, which takes ~10 s a call on W2).
// Prints wall-clock and CPU-time GFLOP/s; on a shared machine compare ratios, not absolutes.
import { createCpuBackend } from '../dist/index.js';

const iters = Number(process.argv[2] ?? 3);
const cases = [
  {
    name: 'W2 conv1d 512→512 k3 L8192 (cached)',
    op: 'Conv',
    x: [1, 512, 8192],
    w: [512, 512, 3],
    attrs: { stride: [1], padding: [[1, 1]], dilation: [1], groups: 1 },
    out: [1, 512, 8192],
    flops: 2 * 512 * 512 * 3 * 8192,
  },
  {
    name: 'W3 convT1d 512→256 k16 s8 p4 L1024 (cached)',
    op: 'ConvTranspose',
    x: [1, 512, 1024],
    w: [512, 256, 16],
    attrs: { stride: [8], padding: [4], outputPadding: [0], dilation: [1], groups: 1 },
    out: [1, 256, 8192],
    flops: 2 * 512 * 256 * 16 * 1024,
  },
];

function randomTensor(shape) {
  const size = shape.reduce((a, b) => a * b, 1);
  const data = new Float32Array(size);
  let s = 1;
  for (let i = 0; i < size; i++) {
    s = (s * 16807) % 2147483647;
    data[i] = s / 2147483647 - 0.5;
  }
  return { storage: data, shape, dtype: 'float32' };
}

for (const c of cases) {
  const [xs, ws, bs] = [randomTensor(c.x), randomTensor(c.w), randomTensor([c.out[1]])];
  const paths = [
    ...(process.env.ONLY_WASM ? [] : [['typescript', { wasm: false, threads: 1 }]]),
    ['wasm 1 thr', { threads: 1 }],
    ['wasm 2 thr', { threads: 2 }],
  ];
  for (const [label, options] of paths) {
    const backend = createCpuBackend(options);
    // Uploaded as core does it, so operands sit where the backend keeps tensors (its heap).
    const [x, w, b] = [xs, ws, bs].map((t) => ({ ...t, storage: backend.upload(t.storage, 'float32') }));
    const kernel = backend.kernels.get(c.op);
    // Each result is disposed, as a model's intermediates are, so its block serves the next call.
    const run = () => backend.dispose(kernel.run(backend.context, { x, w, b }, c.attrs, { shape: c.out, dtype: 'float32' }));
    run(); // warm-up (tier-up of the WebAssembly and the JIT)
    await new Promise((resolve) => setTimeout(resolve, 200)); // helper threads come up asynchronously
    const times = [];
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < iters; i++) {
      const t0 = performance.now();
      run();
      times.push(performance.now() - t0);
    }
    const cpu = process.cpuUsage(cpu0);
    const median = times.sort((p, q) => p - q)[Math.floor(times.length / 2)];
    const cpuMs = (cpu.user + cpu.system) / 1000 / iters;
    console.log(
      `${c.name} ${label.padEnd(10)} median ${median.toFixed(0).padStart(6)} ms ` +
        `${(c.flops / median / 1e6).toFixed(1).padStart(6)} GFLOP/s wall, ` +
        `${cpuMs.toFixed(0).padStart(6)} ms CPU/call ${(c.flops / cpuMs / 1e6).toFixed(1).padStart(6)} GFLOP/s per CPU-second`,
    );
  }
}
