import type { Shape } from '@weightnorm/core';
import { forEachRow } from './for-each-row.js';
import type { WasmHeap } from './wasm-heap.js';
import type { WasmRuntime } from './wasm-runtime.js';
import type { WasmJob } from './wasm-worker-pool.js';

/** The binary ops assembly/elementwise-f32.ts implements, by op code (its order). */
export const BINARY_WASM_OPS = ['Add', 'Sub', 'Mul', 'Div', 'Maximum', 'Minimum', 'Greater', 'Less', 'Equal'] as const;

/** Inputs this small are copied into the heap for the call (a scalar, a bias); larger ones must live there. */
const MAX_COPIED = 4096;

/**
 * The heap address of an elementwise input: where it lives, or a copy for the call when it is
 * small enough (its block is pushed on `temps` for the caller to free); −1 when neither holds.
 */
export function heapInput(heap: WasmHeap, x: Float32Array, temps: number[]): number {
  const at = heap.addressOf(x);
  if (at >= 0) return at;
  const copy = x.length > MAX_COPIED ? -1 : heap.copyIn(x);
  if (copy >= 0) temps.push(copy);
  return copy;
}
/** A row at least this long is split across the runtime's threads. */
const MIN_PARALLEL = 1 << 16;

/**
 * Runs a float32 elementwise op as WebAssembly SIMD, row by row over the broadcast `shape`: `kernel`
 * 'binaryF32' (with `op`, an index into BINARY_WASM_OPS) over inputs [a, b], or 'whereF32' over
 * [cond, a, b]. `strides` are the inputs' broadcast strides, then y's. y must live in the heap, and
 * every input too unless it is small enough to copy in. Returns false, having written nothing,
 * when that does not hold or a row steps other than 0 or 1 through an input, so the caller runs
 * its TypeScript loop instead.
 */
export function elementwiseWasm(
  runtime: WasmRuntime,
  kernel: 'binaryF32' | 'whereF32',
  op: number,
  inputs: readonly Float32Array[],
  y: Float32Array,
  shape: Shape,
  strides: readonly (readonly number[])[],
): boolean {
  const { heap } = runtime;
  const yAt = heap.addressOf(y);
  if (yAt < 0) return false;
  const rows: number[][] = [];
  let steps: readonly number[] = [];
  forEachRow(shape, strides, (o, n, s) => {
    rows.push([...o, n]);
    steps = s;
  });
  if (rows.length === 0) return true;
  if (steps.slice(0, inputs.length).some((s) => s !== 0 && s !== 1) || steps[inputs.length] !== 1) return false;
  const temps: number[] = [];
  try {
    const at: number[] = [];
    for (const x of inputs) {
      const a = heapInput(heap, x, temps);
      if (a < 0) return false;
      at.push(a);
    }
    at.push(yAt);
    const job = (offsets: readonly number[], n: number): WasmJob => {
      const addr = offsets.map((o, k) => at[k]! + o * 4);
      return kernel === 'binaryF32'
        ? ['binaryF32', op, addr[0]!, steps[0]!, addr[1]!, steps[1]!, addr[2]!, n]
        : ['whereF32', addr[0]!, steps[0]!, addr[1]!, steps[1]!, addr[2]!, steps[2]!, addr[3]!, n];
    };
    const only = rows.length === 1 ? rows[0]! : undefined;
    if (only && only[only.length - 1]! >= MIN_PARALLEL && runtime.slices() > 1) {
      // One long row: slices of it on every thread, each slice a multiple of 4 lanes.
      const n = only[only.length - 1]!;
      const parts = runtime.slices();
      const per = Math.ceil(n / parts / 4) * 4;
      const jobs: WasmJob[] = [];
      for (let i0 = 0; i0 < n; i0 += per) {
        jobs.push(job(only.slice(0, -1).map((o, k) => o + i0 * (k < inputs.length ? steps[k]! : 1)), Math.min(per, n - i0)));
      }
      runtime.parallel(jobs);
      return true;
    }
    for (const r of rows) runtime.parallel([job(r.slice(0, -1), r[r.length - 1]!)]);
    return true;
  } finally {
    for (const t of temps) heap.free(t);
  }
}
