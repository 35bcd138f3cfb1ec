import type { BenchCase } from './bench-case.js';
import type { Workload } from './workload.js';

/**
 * The roofline probes: memory-copy bandwidth (a 64 MiB copy: TypedArray.set on the CPU, a
 * buffer-to-buffer copy on the WebGPU adapter) and a plain square matmul for the compute ceiling.
 */
export const roofline: Workload = {
  id: 'R',
  title: 'roofline: memory copy and plain matmul',
  cases(quick) {
    const n = quick ? 4096 : 16 * 1024 * 1024;
    const m = quick ? 32 : 1024;
    return [
      {
        id: 'roofline-copy',
        workload: 'R',
        label: `copy ${quick ? '16 KiB' : '64 MiB'}`,
        kind: 'copy',
        attrs: {},
        inputs: [{ name: 'x', shape: [n], fill: 'normal' }],
        outputShape: [n],
        flops: 0,
        bytes: 8 * n,
        metric: 'GB/s',
        tolerance: 0,
      },
      {
        id: 'roofline-matmul',
        workload: 'R',
        label: `matmul ${m}³`,
        kind: 'matmul',
        attrs: {},
        inputs: [
          { name: 'a', shape: [m, m], fill: 'normal' },
          { name: 'b', shape: [m, m], fill: 'normal' },
        ],
        outputShape: [m, m],
        flops: 2 * m * m * m,
        bytes: 12 * m * m,
        metric: 'GFLOP/s',
        tolerance: 1e-3,
      },
    ] satisfies BenchCase[];
  },
};
