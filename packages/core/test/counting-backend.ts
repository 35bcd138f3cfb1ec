import { defineBackend, defineKernel, type Backend, type HostArray, type Kernel } from '../src/index.js';

/**
 * A small float32 backend for core's own tests: enough kernels to exercise evaluation, and
 * counters to check what core asks of a backend (kernel calls, uploads, frees).
 */
export interface Counters {
  calls: Record<string, number>;
  uploads: number;
  disposed: number;
  live: Set<Float32Array>;
  flushes: number;
  /** The op sequence of every chain core handed the chain runner. */
  chains: string[][];
}

type S = Float32Array;

/** The arithmetic of both the kernels and the chain runner, so a fused chain computes what they do. */
const ARITHMETIC = {
  Add: (a: number, b: number) => a + b,
  Sub: (a: number, b: number) => a - b,
  Mul: (a: number, b: number) => a * b,
  Div: (a: number, b: number) => a / b,
  Neg: (a: number) => -a,
};

function binaryKernel(op: 'Add' | 'Mul' | 'Sub' | 'Div', f: (a: number, b: number) => number) {
  return defineKernel<typeof op, S>(op, (_c, { a, b }, _attrs, out) => {
    // Only same-shape or scalar-b broadcasting: enough for these tests.
    const o = new Float32Array(a.storage.length);
    for (let i = 0; i < o.length; i++) o[i] = f(a.storage[i]!, b.storage.length === 1 ? b.storage[0]! : b.storage[i]!);
    void out;
    return o;
  });
}

/**
 * `chains`: 'run' gives the backend a chain runner for Add/Sub/Mul/Div/Neg that computes each step
 * with the kernels' own arithmetic; 'decline' one that declines every chain; 'throw' one that fails.
 */
export function countingBackend(
  name: string,
  opts: { failOn?: string; without?: string[]; chains?: 'run' | 'decline' | 'throw' } = {},
): { backend: Backend; counters: Counters } {
  const counters: Counters = { calls: {}, uploads: 0, disposed: 0, live: new Set(), flushes: 0, chains: [] };
  const kernels: Kernel<any, S>[] = [
    binaryKernel('Add', ARITHMETIC.Add),
    binaryKernel('Sub', ARITHMETIC.Sub),
    binaryKernel('Mul', ARITHMETIC.Mul),
    binaryKernel('Div', ARITHMETIC.Div),
    defineKernel<'Neg', S>('Neg', (_c, { x }) => x.storage.map(ARITHMETIC.Neg)),
    defineKernel<'Sqrt', S>('Sqrt', (_c, { x }) => x.storage.map(Math.sqrt)),
    defineKernel<'Sum', S>('Sum', (_c, { x }, { axes }, out) => {
      // Whole-tensor or last-axis sums only.
      const n = x.shape.length === 0 ? 1 : axes.length === x.shape.length ? x.storage.length : x.shape[x.shape.length - 1]!;
      const o = new Float32Array(x.storage.length / n);
      for (let i = 0; i < x.storage.length; i++) o[Math.floor(i / n)]! += x.storage[i]!;
      void out;
      return o;
    }),
  ];
  const counted = kernels
    .filter((k) => !opts.without?.includes(k.op))
    .map((k) =>
      defineKernel<any, S, null>(k.op, (ctx, inputs, attrs, out) => {
        counters.calls[k.op] = (counters.calls[k.op] ?? 0) + 1;
        if (k.op === opts.failOn) throw new Error('device exploded');
        const result = k.run(ctx, inputs as never, attrs as never, out) as S;
        counters.live.add(result);
        return result;
      }),
    );
  const backend = defineBackend<S, null>({
    name,
    context: null,
    kernels: counted,
    upload: (data: HostArray) => {
      counters.uploads++;
      const s = Float32Array.from(data);
      counters.live.add(s);
      return s;
    },
    read: async (s) => s.slice(),
    dispose: (s) => {
      counters.disposed++;
      counters.live.delete(s);
    },
    flush: () => {
      counters.flushes++;
    },
    chains: opts.chains && {
      ops: new Set(['Add', 'Sub', 'Mul', 'Div', 'Neg'] as const),
      run: (chain) => {
        counters.chains.push(chain.steps.map((s) => s.op));
        if (opts.chains === 'decline') return undefined;
        if (opts.chains === 'throw') throw new Error('chain exploded');
        const f: Record<string, (a: number, b: number) => number> = ARITHMETIC;
        const size = chain.shape.reduce((p, q) => p * q, 1);
        const results: Float32Array[] = [];
        const operand = (arg: number) => (arg >= 0 ? chain.inputs[arg]!.storage : results[-arg - 1]!);
        for (const step of chain.steps) {
          const [a, b] = step.args.map(operand) as [Float32Array, Float32Array | undefined];
          results.push(Float32Array.from({ length: size }, (_, i) => f[step.op]!(a[a.length === 1 ? 0 : i]!, b ? b[b.length === 1 ? 0 : i]! : 0)));
        }
        const out = results[results.length - 1]!;
        counters.live.add(out);
        return out;
      },
    },
  });
  return { backend, counters };
}
