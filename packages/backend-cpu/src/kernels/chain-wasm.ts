import { sizeOf, type ChainRunner, type OpName } from '@weightnorm/core';
import type { CpuContext } from '../cpu-context.js';
import type { CpuStorage } from '../cpu-storage.js';
import { BINARY_WASM_OPS, heapInput } from './elementwise-wasm.js';
import type { WasmRuntime } from './wasm-runtime.js';
import { THREAD_WORK, type WasmJob } from './wasm-worker-pool.js';

/** Where's step code in assembly/elementwise-f32.ts's chainF32; binary ops use their op codes. */
const WHERE = 9;
/** Elements per block in chainF32: slices of a split chain start on a block. */
const BLOCK = 256;
/** A chain this long or longer is split across the runtime's threads. */
const MIN_PARALLEL = 1 << 16;

/**
 * Runs core's elementwise chains of float32 binary ops and Where (leaky ReLU's Greater, Mul and
 * Where; a residual Add) as one WebAssembly pass, chainF32: per block of 256 elements every step
 * in turn, intermediates in L1-sized scratch blocks instead of a full tensor each. The steps are
 * the ops' own lane arithmetic, so results are bit for bit those of running them one by one.
 * Declines (core then runs each op's kernel) unless every value is float32 and every input is
 * either the chain's full shape or one element, and lives in the heap or is small enough to copy.
 */
export function createChainRunner(ctx: CpuContext, runtime: WasmRuntime): ChainRunner<CpuStorage> {
  const { heap } = runtime;
  return {
    ops: new Set<OpName>([...BINARY_WASM_OPS, 'Where']),
    run(chain) {
      const size = sizeOf(chain.shape);
      if (chain.steps.some((s) => s.dtype !== 'float32') || chain.inputs.some((t) => t.dtype !== 'float32')) return undefined;
      const steps = [];
      for (const s of chain.steps) {
        const code = s.op === 'Where' ? WHERE : (BINARY_WASM_OPS as readonly string[]).indexOf(s.op);
        if (code < 0) return undefined;
        steps.push(code, s.args[0]!, s.args[1]!, s.args[2] ?? 0);
      }
      const temps: number[] = [];
      try {
        const table: number[] = [];
        for (const t of chain.inputs) {
          const n = sizeOf(t.shape);
          if (n !== size && n !== 1) return undefined;
          const at = heapInput(heap, t.storage as Float32Array, temps);
          if (at < 0) return undefined;
          table.push(at, n === size && size > 1 ? 1 : 0);
        }
        const out = ctx.alloc(size, false);
        const outAt = heap.addressOf(out);
        const codeAt = heap.alloc((steps.length + table.length) * 4);
        if (outAt < 0 || codeAt < 0) {
          ctx.free(out);
          if (codeAt >= 0) heap.free(codeAt);
          return undefined;
        }
        temps.push(codeAt);
        const words = new Int32Array(runtime.memory.buffer, codeAt, steps.length + table.length);
        words.set(steps);
        words.set(table, steps.length);
        const tableAt = codeAt + steps.length * 4;
        const parts = size >= MIN_PARALLEL ? runtime.slices() : 1;
        const per = Math.ceil(size / parts / BLOCK) * BLOCK;
        const jobs: WasmJob[] = [];
        for (let start = 0; start < size; start += per) {
          jobs.push(['chainF32', codeAt, chain.steps.length, tableAt, outAt, start, Math.min(per, size - start), THREAD_WORK]);
        }
        runtime.parallel(jobs);
        return out;
      } finally {
        for (const t of temps) heap.free(t);
      }
    },
  };
}
