import type * as TF from '@tensorflow/tfjs';
import type { BenchCase } from '../workloads/bench-case.js';
import type { Contender, PreparedCase } from './contender.js';
import { UnsupportedCaseError } from './unsupported-case-error.js';
import { packageVersion } from './package-version.js';
import { tfjsHifigan } from './tfjs-hifigan.js';

type Tf = typeof TF;

/**
 * TensorFlow.js on one backend, written the way users hand-roll weight norm today: composite ops
 * (square, sum, sqrt, div, mul) in tfjs's channels-last layout. Parameters are converted from
 * PyTorch's layout once, at prepare time, as a port would do when loading a checkpoint; the output
 * goes back to PyTorch's layout only for the correctness check.
 */
export function tfjsContender(
  name: string,
  backend: 'cpu' | 'wasm' | 'webgpu',
  setup: (tf: Tf) => Promise<string>,
  packages: readonly string[] = ['@tensorflow/tfjs'],
): Contender {
  let tf: Tf;
  return {
    name,
    async start() {
      tf = await import('@tensorflow/tfjs');
      const device = await setup(tf);
      if (!(await tf.setBackend(backend)) || tf.getBackend() !== backend) throw new Error(`tf.setBackend('${backend}') failed`);
      await tf.ready();
      return { version: packages.map((p) => `${p} ${packageVersion(p)}`).join(', '), device };
    },
    async prepare(c, inputs) {
      const p = build(tf, backend, c, inputs);
      if (c.kind === 'train-step') {
        // tfjs raises for gradients it lacks (dilated conv) on the first call: that is "n/a", not a
        // crash. That call's result then serves the correctness check (a step can take minutes).
        try {
          const t0 = performance.now();
          // The first call reads its result back (check), so that one call is also the checked one.
          const first = await (p.check ?? p.run)();
          return { ...p, check: async () => first, firstCallMs: performance.now() - t0 };
        } catch (e) {
          p.dispose();
          throw new UnsupportedCaseError(`tfjs ${backend}: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      return p;
    },
  };
}

function build(tf: Tf, backend: 'cpu' | 'wasm' | 'webgpu', c: BenchCase, inputs: ReadonlyMap<string, Float32Array>): PreparedCase {
  const shapeOf = (n: string): number[] => [...c.inputs.find((s) => s.name === n)!.shape];
  const t = (n: string): TF.Tensor => tf.tensor(inputs.get(n)!, shapeOf(n));
  const held: TF.Tensor[] = [];
  const keep = <T extends TF.Tensor>(x: T): T => {
    held.push(x);
    return x;
  };
  const a = c.attrs;
  let compute: () => TF.Tensor | TF.Tensor[];
  let toTorch: (out: Float32Array) => Float32Array = (o) => o;
  // w = v · g / ‖v‖ with the norm over `axes` (every axis but the output-channel one in tfjs's layout).
  const wn = (v: TF.Tensor, g: TF.Tensor, axes: number[]): TF.Tensor => v.mul(g.div(v.square().sum(axes, true).sqrt()));

  switch (c.kind) {
    case 'weight-norm': {
      const v = keep(t('v'));
      const g = keep(t('g'));
      const axes = shapeOf('v').map((_, i) => i).slice(1);
      compute = () => wn(v, g, axes);
      break;
    }
    case 'conv1d': {
      const [, C, L] = shapeOf('x') as [number, number, number];
      const x = keep(tf.tidy(() => t('x').transpose([0, 2, 1]))); // [1, L, C]
      const b = keep(t('b'));
      // torch [O, I, K] → tfjs [K, I, O]; g [O,1,1] → [1,1,O].
      const w = cachedOrNormed(tf, c, inputs, shapeOf, keep, [2, 1, 0], [0, 1]);
      compute = () => tf.conv1d(x as TF.Tensor3D, w() as TF.Tensor3D, 1, 'same', 'NWC', a.dilation!).add(b);
      toTorch = (o) => transpose2d(o, L, C);
      break;
    }
    case 'conv-transpose1d': {
      const O = shapeOf(c.mode === 'cached' ? 'w' : 'v')[1]!;
      const outL = c.outputShape[2]!;
      const x = keep(tf.tidy(() => t('x').transpose([0, 2, 1]).expandDims(1))); // [1, 1, L, Cin]
      const b = keep(t('b'));
      // torch [I, O, K] → tfjs conv2dTranspose filter [1, K, O, I]; g [I,1,1] → [1,1,1,I].
      const w = cachedOrNormed(tf, c, inputs, shapeOf, keep, [2, 1, 0], [0, 1, 2], true);
      const pad: [[number, number], [number, number], [number, number], [number, number]] = [[0, 0], [0, 0], [a.padding!, a.padding!], [0, 0]];
      compute = () => tf.conv2dTranspose(x as TF.Tensor4D, w() as TF.Tensor4D, [1, 1, outL, O], [1, a.stride!], pad).add(b);
      toTorch = (o) => transpose2d(o, outL, O);
      break;
    }
    case 'matmul': {
      const x = keep(t('a'));
      const y = keep(t('b'));
      compute = () => tf.matMul(x as TF.Tensor2D, y as TF.Tensor2D);
      break;
    }
    case 'train-step': {
      const [O, I, K] = shapeOf('v') as [number, number, number];
      const x = keep(tf.tidy(() => t('x').transpose([0, 2, 1])));
      const r = keep(tf.tidy(() => t('r').transpose([0, 2, 1])));
      const v = keep(tf.tidy(() => t('v').transpose([2, 1, 0])));
      const g = keep(tf.tidy(() => t('g').reshape([1, 1, O])));
      const b = keep(t('b'));
      const step = tf.grads((gg: TF.Tensor, vv: TF.Tensor, bb: TF.Tensor) =>
        tf.conv1d(x as TF.Tensor3D, wn(vv, gg, [0, 1]) as TF.Tensor3D, 1, 'same', 'NWC', a.dilation!).add(bb).mul(r).sum(),
      );
      compute = () => step([g, v, b]);
      // ∂v comes back as [K, I, O]: put it into torch's [O, I, K] between ∂g and ∂b.
      toTorch = (o) => {
        const out = new Float32Array(o.length);
        out.set(o.subarray(0, O));
        const dv = o.subarray(O, O + O * I * K);
        for (let k = 0; k < K; k++) for (let i = 0; i < I; i++) for (let oc = 0; oc < O; oc++) out[O + (oc * I + i) * K + k] = dv[(k * I + i) * O + oc]!;
        out.set(o.subarray(O + O * I * K), O + O * I * K);
        return out;
      };
      break;
    }
    case 'hifigan': {
      const model = tfjsHifigan(tf, c, inputs);
      held.push(...model.held);
      compute = model.forward;
      break;
    }
    default:
      throw new UnsupportedCaseError(`no ${c.kind} workload for tfjs in this bench`);
  }

  const read = async () => {
    const out = tf.tidy(compute);
    const list = Array.isArray(out) ? out : [out];
    // data() is the readback that makes a GPU result usable; all parts before disposing any.
    const parts = await Promise.all(list.map((o) => o.data() as Promise<Float32Array>));
    list.forEach((o) => o.dispose());
    if (parts.length === 1) return parts[0]!;
    const flat = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
    let at = 0;
    for (const p of parts) {
      flat.set(p, at);
      at += p.length;
    }
    return flat;
  };
  // The cpu and wasm backends compute eagerly, into their own memory: the timed call ends there,
  // and data()'s copy into a fresh array runs only for the correctness check (as for ours-cpu).
  const eager = backend !== 'webgpu';
  return {
    run: eager
      ? async () => {
          const out = tf.tidy(compute);
          (Array.isArray(out) ? out : [out]).forEach((o) => o.dispose());
          return new Float32Array(0);
        }
      : read,
    ...(eager ? { check: read } : {}),
    toTorchLayout: toTorch,
    dispose() {
      held.forEach((h) => h.dispose());
    },
  };
}

/**
 * The layer weight in tfjs layout: the folded w (cached) or w = g · v / ‖v‖ recomputed per call
 * (train). `perm` maps PyTorch's weight axes to tfjs's; `as2d` adds the leading height axis that
 * conv2dTranspose needs.
 */
function cachedOrNormed(
  tf: Tf,
  c: BenchCase,
  inputs: ReadonlyMap<string, Float32Array>,
  shapeOf: (n: string) => number[],
  keep: <T extends TF.Tensor>(x: T) => T,
  perm: number[],
  axes: number[],
  as2d = false,
): () => TF.Tensor {
  const lift = (x: TF.Tensor): TF.Tensor => (as2d ? x.expandDims(0) : x);
  if (c.mode === 'cached') {
    const w = keep(tf.tidy(() => lift(tf.tensor(inputs.get('w')!, shapeOf('w')).transpose(perm))));
    return () => w;
  }
  const vShape = shapeOf('v');
  const v = keep(tf.tidy(() => lift(tf.tensor(inputs.get('v')!, vShape).transpose(perm))));
  const gShape = v.shape.map((d, i) => (axes.includes(i) ? 1 : d));
  const g = keep(tf.tensor(inputs.get('g')!, gShape));
  return () => v.mul(g.div(v.square().sum(axes, true).sqrt()));
}

/** [rows, cols] row-major → [cols, rows]. */
function transpose2d(a: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(a.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = a[r * cols + c]!;
  return out;
}
