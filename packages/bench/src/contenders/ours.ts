import {
  concat,
  conv,
  convTranspose,
  currentBackend,
  evaluate,
  matmul,
  normalizeWeight,
  registerBackend,
  setBackend,
  tensor,
  valueAndGrad,
  type BackendDescriptor,
  type Tensor,
} from '@weightnorm/core';
import type { BenchCase } from '../workloads/bench-case.js';
import type { Contender, PreparedCase } from './contender.js';
import { UnavailableError } from './unavailable-error.js';
import { UnsupportedCaseError } from './unsupported-case-error.js';
import { cpuCopy } from './cpu-copy.js';
import { gpuCopy } from './gpu-copy.js';
import { oursHifigan } from './ours-hifigan.js';
import { describeAdapter } from './node-webgpu.js';
import { packageVersion } from './package-version.js';

/**
 * weightnorm itself on one of its backends, used as a user would: leaf tensors for the inputs (a
 * model's parameters stay on the device after the first call), `normalizeWeight` + `conv` per
 * call in train mode, the folded weight as a kept leaf in cached mode, and `await y.data()` for
 * the result (on a GPU that includes the readback).
 *
 * A backend that fails to load does not stop the process: the WebGPU copy probe needs only the
 * adapter, so every other case reports the load failure as the reason it is unavailable.
 */
export function oursContender(name: string, backendName: string, load: () => Promise<readonly BackendDescriptor[]>, packages: readonly string[]): Contender {
  let loadError: string | null = null;
  return {
    name,
    async start() {
      const version = packages.map((p) => `${p} ${packageVersion(p)}`).join(', ');
      try {
        for (const d of await load()) registerBackend(d.name, d.create);
        await setBackend(backendName);
        const backend = await currentBackend();
        return { version, device: backend.describe?.() ?? backendName };
      } catch (e) {
        if (backendName === 'cpu') throw e;
        loadError = e instanceof Error ? e.message : String(e);
        return { version, device: `${await describeAdapter()} (backend unavailable: ${loadError})` };
      }
    },
    async prepare(c, inputs) {
      if (c.kind === 'copy') return backendName === 'cpu' ? cpuCopy(inputs.get('x')!) : gpuCopy(inputs.get('x')!);
      if (loadError !== null) throw new UnavailableError(loadError);
      const readBack = backendName !== 'cpu';
      if (c.kind === 'hifigan') return oursHifigan(c, inputs, readBack);
      const t = (n: string): Tensor => tensor(inputs.get(n)!, c.inputs.find((s) => s.name === n)!.shape);
      return timedCall(build(c, t), readBack);
    },
  };
}

/**
 * A call that ends where the result is usable: on a GPU, back on the host (data()); on the cpu,
 * computed in the backend's memory, where the next op reads it. data() there is a copy into a fresh
 * JS array, no part of the op, so it runs only for the correctness check (check()), as the other
 * CPU libraries' timed calls leave their results where they compute them.
 */
export function timedCall(call: () => Tensor, readBack: boolean): PreparedCase {
  const read = async () => {
    const out = call();
    const data = await out.data();
    out.dispose();
    return data;
  };
  if (readBack) return { run: read, dispose() {} };
  return {
    async run() {
      const out = call();
      await evaluate(out);
      out.dispose();
      return NOT_READ;
    },
    check: read,
    dispose() {},
  };
}

/** What a cpu call returns: the worker discards timed calls' results, and check() is what is compared. */
const NOT_READ = new Float32Array(0);

function build(c: BenchCase, t: (name: string) => Tensor): () => Tensor {
  const a = c.attrs;
  switch (c.kind) {
    case 'weight-norm': {
      const v = t('v');
      const g = t('g');
      return () => normalizeWeight(v, g, { dim: 0 });
    }
    case 'conv1d': {
      const x = t('x');
      const b = t('b');
      const w = weightOf(c, t);
      return () => conv(x, w(), b, { padding: a.padding!, dilation: a.dilation! });
    }
    case 'conv-transpose1d': {
      const x = t('x');
      const b = t('b');
      const w = weightOf(c, t);
      return () => convTranspose(x, w(), b, { stride: a.stride!, padding: a.padding! });
    }
    case 'train-step': {
      const [x, v, g, b, r] = ['x', 'v', 'g', 'b', 'r'].map(t) as [Tensor, Tensor, Tensor, Tensor, Tensor];
      const step = valueAndGrad((gg, vv, bb) =>
        conv(x, normalizeWeight(vv!, gg!, { dim: 0 }), bb, { padding: a.padding!, dilation: a.dilation! }).mul(r).sum(),
      );
      // One flat result, ∂g ∂v ∂b, so the check compares one array.
      return () => concat(step(g, v, b).grads.map((d) => d.reshape([-1])));
    }
    case 'matmul': {
      const x = t('a');
      const y = t('b');
      return () => matmul(x, y);
    }
    default:
      throw new UnsupportedCaseError(`no ${c.kind} workload for weightnorm in this bench yet`);
  }
}

/** train: a fresh fused WeightNorm node per call; cached: the folded weight as a kept leaf. */
function weightOf(c: BenchCase, t: (name: string) => Tensor): () => Tensor {
  if (c.mode === 'cached') {
    const w = t('w');
    return () => w;
  }
  const v = t('v');
  const g = t('g');
  return () => normalizeWeight(v, g, { dim: 0 });
}
