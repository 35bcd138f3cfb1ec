import {
  Conv1d,
  ConvTranspose1d,
  LeakyReLU,
  Sequential,
  Tanh,
  weightNorm,
  type Module,
} from '@weightnorm/nn';

/** The conv stack of tools/fixtures/gen.py, every conv weight-normed along dim 0 as in torch. */
export function buildConvStack(): Sequential {
  const wn = <M extends Module>(m: M) => weightNorm(m, { dim: 0 });
  return new Sequential(
    wn(new Conv1d(80, 128, 7, { padding: 3 })),
    new LeakyReLU(0.1),
    wn(new ConvTranspose1d(128, 64, 16, { stride: 8, padding: 4 })),
    new LeakyReLU(0.1),
    wn(new Conv1d(64, 64, 3, { dilation: 3, padding: 3 })),
    new LeakyReLU(0.1),
    wn(new Conv1d(64, 1, 7, { padding: 3 })),
    new Tanh(),
  );
}
