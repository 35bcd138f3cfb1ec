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
}

type S = Float32Array;

function binaryKernel(op: 'Add' | 'Mul' | 'Sub' | 'Div', f: (a: number, b: number) => number) {
  return defineKernel<typeof op, S>(op, (_c, { a, b }, _attrs, out) => {
    // Only same-shape or scalar-b broadcasting: enough for these tests.
    const o = new Float32Array(a.storage.length);
    for (let i = 0; i < o.length; i++) o[i] = f(a.storage[i]!, b.storage.length === 1 ? b.storage[0]! : b.storage[i]!);
    void out;
    return o;
  });
}

export function countingBackend(name: string, opts: { failOn?: string; without?: string[] } = {}): { backend: Backend; counters: Counters } {
  const counters: Counters = { calls: {}, uploads: 0, disposed: 0, live: new Set(), flushes: 0 };
  const kernels: Kernel<any, S>[] = [
    binaryKernel('Add', (a, b) => a + b),
    binaryKernel('Sub', (a, b) => a - b),
    binaryKernel('Mul', (a, b) => a * b),
    binaryKernel('Div', (a, b) => a / b),
    defineKernel<'Neg', S>('Neg', (_c, { x }) => x.storage.map((v) => -v)),
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
  });
  return { backend, counters };
}
