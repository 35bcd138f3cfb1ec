import type { Tensor } from '@weightnorm/core';
import { LeakyReLU } from '../layers/activations.js';
import { Conv1d } from '../layers/conv.js';
import { Sequential } from '../layers/sequential.js';
import { Adam } from '../optim/adam.js';
import { AdamW } from '../optim/adam-w.js';
import type { Optimizer } from '../optim/optimizer.js';
import { SGD } from '../optim/sgd.js';
import { readSafetensors } from '../safetensors/load-safetensors.js';
import { valueAndGrad } from '../value-and-grad.js';
import { weightNorm } from '../weight-norm.js';
import { closeness } from './closeness.js';
import { jsonEqual } from './json-equal.js';
import type { ParityCheck } from './run-parity-case.js';

/**
 * The loss at every step, the final parameters and Adam's state: 1e-4 relative, as issue #6 asks.
 *
 * @example
 * const ok = Math.abs(loss - torchLoss) / Math.abs(torchLoss) < TRAIN_PARITY_RTOL; // at every step
 */
export const TRAIN_PARITY_RTOL = 1e-4;

/**
 * The optimizers the training fixture was run with in torch, each from the same initial net.
 *
 * @example
 * for (const opt of TRAIN_OPTIMIZERS) await runTrainParityCase(bytes, opt);
 */
export const TRAIN_OPTIMIZERS = ['adam', 'sgd', 'adamw'] as const;
/**
 * One of {@link TRAIN_OPTIMIZERS}: which torch run of the training fixture to replay.
 */
export type TrainOptimizer = (typeof TRAIN_OPTIMIZERS)[number];

/**
 * What {@link runTrainParityCase} returns: every check, our loss curve and its worst error against torch's.
 */
export interface TrainParityResult {
  /** Every comparison, failed ones included. */
  readonly checks: ParityCheck[];
  /** Our loss before each step. */
  readonly losses: number[];
  /** Worst |ours − torch's| / |torch's| over the loss curve. */
  readonly maxRelError: number;
}

interface TrainConfig {
  optimizer_state_layouts: Record<TrainOptimizer, { state: Record<string, string[]>; param_groups: Record<string, unknown>[] }>;
  /** Each optimizer's camelCase options as torch got them, plus the number of steps. */
  [name: string]: unknown;
}

function makeOptimizer(name: TrainOptimizer, params: Tensor[], options: Record<string, unknown>): Optimizer<object> {
  const { steps: _steps, ...o } = options;
  switch (name) {
    case 'adam':
      return new Adam(params, o);
    case 'sgd':
      return new SGD(params, o as { lr: number });
    case 'adamw':
      return new AdamW(params, o);
  }
}

/**
 * Trains the fixture's 3-layer weight-normed Conv1d net (tools/fixtures/gen_grads.py) on the
 * selected backend with one optimizer, from torch's initial weights on torch's fixed batch, and
 * compares with torch 1.13 step by step: the MSE loss before every step, the optimizer's
 * state_dict layout, and for Adam the final parameters and optimizer state.
 *
 * @example
 * const { checks, losses } = await runTrainParityCase(readFileSync('conv1d_net.safetensors'), 'adam');
 */
export async function runTrainParityCase(bytes: Uint8Array | ArrayBuffer, optimizer: TrainOptimizer): Promise<TrainParityResult> {
  const { tensors, metadata } = await readSafetensors(bytes);
  const config = JSON.parse(metadata.config ?? '{}') as TrainConfig;
  const wantLosses = tensors[`losses_${optimizer}`];
  const layout = config.optimizer_state_layouts?.[optimizer];
  const { input: x, target } = tensors;
  if (!wantLosses || !layout || !x || !target) {
    return { checks: [{ label: `fixture has input, target, losses_${optimizer} and its state layout`, ok: false, worst: Object.keys(tensors).join(', ') }], losses: [], maxRelError: Infinity };
  }
  const net = new Sequential(
    weightNorm(new Conv1d(4, 8, 5, { padding: 2 })),
    new LeakyReLU(0.1),
    weightNorm(new Conv1d(8, 8, 3, { padding: 2, dilation: 2 })),
    new LeakyReLU(0.1),
    weightNorm(new Conv1d(8, 2, 3, { padding: 1 })),
  );
  await net.loadStateDict(Object.fromEntries(Object.keys(net.stateDict()).map((k) => [k, tensors[k]!])));
  const opt = makeOptimizer(optimizer, net.parameters(), (config[optimizer] ?? {}) as Record<string, unknown>);

  const want = await wantLosses.data();
  const losses: number[] = [];
  net.train();
  for (let i = 0; i < want.length; i++) {
    const { value, paramGrads } = await valueAndGrad(net, (m) => m.forward(x).sub(target).square().mean());
    losses.push(await value.item());
    await opt.step(paramGrads);
  }

  const checks: ParityCheck[] = [];
  const rel = losses.map((l, i) => Math.abs(l - want[i]!) / Math.abs(want[i]!));
  const maxRelError = Math.max(...rel);
  const at = rel.indexOf(maxRelError);
  checks.push({
    label: `loss at each of ${want.length} steps`,
    ok: maxRelError < TRAIN_PARITY_RTOL,
    worst: `step ${at}: got ${losses[at]}, torch's ${want[at]} (relative error ${maxRelError.toExponential(2)})`,
  });
  // The loss has to move, or matching torch would prove little.
  const moved = losses.at(-1)! < losses[0]! * 0.9;
  checks.push({ label: 'the loss falls by 10% or more', ok: moved, worst: `${losses[0]} → ${losses.at(-1)}` });

  // torch's optimizer.state_dict() layout: the same state keys per index and the same groups.
  const saved = opt.stateDict();
  const stateKeys = Object.fromEntries(Object.entries(saved.state).map(([i, s]) => [i, Object.keys(s).sort()]));
  checks.push({ label: 'optimizer state keys as torch', ok: jsonEqual(stateKeys, layout.state), worst: JSON.stringify(stateKeys) });
  checks.push({ label: 'optimizer param_groups as torch', ok: jsonEqual(saved.param_groups, layout.param_groups), worst: JSON.stringify(saved.param_groups) });

  if (optimizer === 'adam') {
    for (const [k, p] of Object.entries(net.stateDict())) {
      checks.push({ label: `${k} after ${want.length} steps`, ...(await compare(p, tensors[`adam_final.${k}`])) });
    }
    for (const [i, entry] of Object.entries(saved.state)) {
      for (const [key, t] of Object.entries(entry)) {
        checks.push({ label: `optimizer state ${i}.${key}`, ...(await compare(t, tensors[`adam_state.${i}.${key}`])) });
      }
    }
  }
  return { checks, losses, maxRelError };
}

async function compare(got: Tensor, want: Tensor | undefined): Promise<{ ok: boolean; worst: string }> {
  if (!want) return { ok: false, worst: 'the fixture has no such tensor' };
  return closeness(await got.data(), await want.data(), TRAIN_PARITY_RTOL);
}
