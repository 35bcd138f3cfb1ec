import { roofline } from './roofline.js';
import { w1WeightNorm } from './w1-weight-norm.js';
import { w2Conv1d } from './w2-conv1d.js';
import { w3ConvTranspose1d } from './w3-conv-transpose1d.js';
import { w4TrainStep } from './w4-train-step.js';
import { w5Hifigan } from './w5-hifigan.js';
import type { Workload } from './workload.js';

/** Every workload in table order. */
export const WORKLOADS: readonly Workload[] = [w1WeightNorm, w2Conv1d, w3ConvTranspose1d, w4TrainStep, w5Hifigan, roofline];
