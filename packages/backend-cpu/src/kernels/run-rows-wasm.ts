import type { CpuContext } from '../cpu-context.js';
import type { WasmRuntime } from './wasm-runtime.js';
import type { WasmJob } from './wasm-worker-pool.js';

/** Below this many elements one thread finishes before a helper would wake. */
const MIN_PARALLEL = 1 << 16;

/** An operand of a row kernel: `perRow` floats per row (cols for v-shaped, 1 for g-shaped). */
export interface RowOperand {
  readonly array: Float32Array;
  readonly perRow: number;
}

/**
 * Runs a WebAssembly row kernel over `rows` rows, the rows split across the runtime's threads.
 * Inputs that live in the heap are read in place, others copied in; each result comes from
 * ctx.alloc (`outputs` gives its floats per row) and is written in place when it is in the heap,
 * copied out otherwise. `job` builds one thread's call from its first row, its row count and the
 * byte addresses of its slice of every input, then every output. Undefined when the heap has no
 * room for the copies, so the caller runs its TypeScript kernel instead.
 */
export function runRowsWasm(
  ctx: CpuContext,
  runtime: WasmRuntime,
  rows: number,
  inputs: readonly RowOperand[],
  outputs: readonly number[],
  job: (r0: number, n: number, at: readonly number[]) => WasmJob,
): Float32Array[] | undefined {
  const { heap } = runtime;
  const results = outputs.map((perRow) => ctx.alloc(rows * perRow, false));
  const temps: number[] = [];
  try {
    const addresses: number[] = [];
    const copyOut: [number, Float32Array][] = [];
    for (const { array, perRow } of inputs) {
      let at = heap.addressOf(array);
      if (at < 0) {
        at = heap.copyIn(array.subarray(0, rows * perRow));
        if (at < 0) return fail();
        temps.push(at);
      }
      addresses.push(at);
    }
    for (const result of results) {
      let at = heap.addressOf(result);
      if (at < 0) {
        at = heap.alloc(result.length * 4);
        if (at < 0) return fail();
        temps.push(at);
        copyOut.push([at, result]);
      }
      addresses.push(at);
    }
    const perRow = [...inputs.map((i) => i.perRow), ...outputs];
    const size = rows * Math.max(1, ...perRow);
    const parts = size >= MIN_PARALLEL ? Math.max(1, Math.min(rows, runtime.slices())) : 1;
    const per = Math.ceil(rows / parts);
    const jobs: WasmJob[] = [];
    for (let r0 = 0; r0 < rows; r0 += per) {
      jobs.push(job(r0, Math.min(per, rows - r0), addresses.map((at, i) => at + r0 * perRow[i]! * 4)));
    }
    runtime.parallel(jobs);
    for (const [at, result] of copyOut) result.set(new Float32Array(runtime.memory.buffer, at, result.length));
    return results;
  } finally {
    for (const t of temps) heap.free(t);
  }

  function fail(): undefined {
    for (const r of results) ctx.free(r);
    return undefined;
  }
}
