import { evaluate, leakyRelu, tensor, where, type Backend, type ElementwiseChain, type Tensor } from '@weightnorm/core';
import { useBackend } from '@weightnorm/core/testing';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../test/kernel-test-utils.js';
import { createCpuBackend } from '../backend.js';
import type { CpuStorage } from '../cpu-storage.js';

/** A cpu backend whose chain runner records what it was handed and whether it ran it. */
function recording(threads: number): { backend: Backend; seen: { ops: string[]; ran: boolean }[] } {
  const backend = createCpuBackend({ threads });
  const runner = backend.chains!;
  const seen: { ops: string[]; ran: boolean }[] = [];
  const chains = {
    ops: runner.ops,
    run(chain: ElementwiseChain<CpuStorage>) {
      const out = runner.run(chain);
      seen.push({ ops: chain.steps.map((s) => s.op), ran: out !== undefined });
      return out;
    },
  };
  return { backend: { ...backend, chains }, seen };
}

/** Values with the cases that trip selects and comparisons: ±0, NaN, ±∞, ties with the scalar. */
function values(n: number, seed: number): Float32Array {
  const random = mulberry32(seed);
  const special = [0, -0, Number.NaN, Infinity, -Infinity, 0.5, -0.5];
  return Float32Array.from({ length: n }, (_, i) => (i % 97 < special.length ? special[i % 97]! : random() * 8 - 4));
}

async function run(backend: Backend, build: () => Tensor): Promise<Float32Array> {
  await useBackend(backend);
  const y = build();
  await evaluate(y);
  const out = (await y.data()) as Float32Array;
  y.dispose();
  return out;
}

describe('elementwise chains as one WebAssembly pass', () => {
  // Below and above the size where a chain is split across threads (64 Ki elements).
  it.each([
    [1, 1000],
    [2, 300_001],
  ])('runs leaky ReLU + residual add bit for bit as the ops one by one (%i threads, %i elements)', async (threads, n) => {
    const x = values(n, n);
    const r = values(n, n + 1);
    const build = () => {
      const xt = tensor(x, [n]);
      return leakyRelu(xt, 0.1).add(tensor(r, [n])).mul(2);
    };
    const { backend, seen } = recording(threads);
    const fused = await run(backend, build);
    expect(seen).toEqual([{ ops: ['Greater', 'Mul', 'Where', 'Add', 'Mul'], ran: true }]);
    const oneByOne = await run(createCpuBackend({ threads, chains: false }), build);
    // Bits, NaN payloads and −0 included (compared as words: a deep equal of 1 MB is slow under load).
    const [a, b] = [fused, oneByOne].map((f) => new Uint32Array(f.buffer, f.byteOffset, f.length));
    expect(a.length).toBe(n);
    let differ = 0;
    for (let i = 0; i < n; i++) if (a[i] !== b[i]) differ++;
    expect(differ).toBe(0);
  });

  it('reads NaN as true and −0 as false in a chained Where, as the Where kernel does', async () => {
    const { backend, seen } = recording(1);
    const c = Float32Array.of(Number.NaN, -0, 0, 1, -2);
    const y = await run(backend, () => {
      const ct = tensor(c, [5]);
      return where(ct.mul(1), tensor([1, 1, 1, 1, 1], [5]).add(9), tensor([2, 2, 2, 2, 2], [5]).sub(7));
    });
    expect(Array.from(y)).toEqual([10, -5, -5, 10, 10]);
    expect(seen[0]).toEqual({ ops: ['Mul', 'Add', 'Sub', 'Where'], ran: true });
  });

  it('declines chains it cannot run in one pass, and the ops then run one by one', async () => {
    const { backend, seen } = recording(1);
    // A per-row input ([4, 1] against [4, 3]) is neither full-size nor a scalar.
    const rows = await run(backend, () => tensor(values(12, 3), [4, 3]).mul(2).add(tensor([1, 2, 3, 4], [4, 1])));
    // float16 values are not this runner's.
    const half = await run(backend, () => tensor([1, -2, 3], [3], { dtype: 'float16' }).mul(2).add(1));
    expect(seen).toEqual([
      { ops: ['Mul', 'Add'], ran: false },
      { ops: ['Mul', 'Add'], ran: false },
    ]);
    const want = values(12, 3).map((v, i) => v * 2 + [1, 2, 3, 4][Math.floor(i / 3)]!);
    expect(Array.from(rows)).toEqual(Array.from(want));
    expect(Array.from(half)).toEqual([3, -3, 7]);
  });

  it('has no chain runner where WebAssembly is off or asked not to chain', () => {
    expect(createCpuBackend({ wasm: false }).chains).toBeUndefined();
    expect(createCpuBackend({ chains: false }).chains).toBeUndefined();
    expect([...createCpuBackend().chains!.ops].sort()).toEqual(
      ['Add', 'Div', 'Equal', 'Greater', 'Less', 'Maximum', 'Minimum', 'Mul', 'Sub', 'Where'].sort(),
    );
  });
});
