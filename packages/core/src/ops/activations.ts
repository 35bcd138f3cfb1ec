import { Tensor } from '../ir/tensor.js';
import { cast } from './cast.js';
import { where } from './elementwise.js';

/** Runs `f` in float32 and rounds once, as torch's kernels do for half inputs (opmath). */
function inFloat32(x: Tensor, f: (xf: Tensor) => Tensor): Tensor {
  return x.dtype === 'float16' ? cast(f(cast(x, 'float32')), 'float16') : f(x);
}

/**
 * max(x, 0).
 *
 * @example
 * const y = relu(x);
 */
export function relu(x: Tensor): Tensor {
  return x.maximum(0);
}

/**
 * torch.nn.functional.leaky_relu: x where x > 0, else slope·x.
 *
 * @example
 * const y = leakyRelu(x, 0.1); // HiFi-GAN's LRELU_SLOPE
 */
export function leakyRelu(x: Tensor, negativeSlope = 0.01): Tensor {
  return where(x.gt(0), x, x.mul(negativeSlope));
}

/**
 * x · sigmoid(x).
 *
 * @example
 * const y = silu(x);
 */
export function silu(x: Tensor): Tensor {
  return inFloat32(x, (xf) => xf.mul(xf.sigmoid()));
}

/**
 * torch's GELU: exact erf form by default, or the tanh approximation.
 *
 * @example
 * const y = gelu(x, 'tanh');
 */
export function gelu(x: Tensor, approximate: 'none' | 'tanh' = 'none'): Tensor {
  return inFloat32(x, (xf) => {
    if (approximate === 'tanh') {
      const inner = xf.add(xf.mul(xf).mul(xf).mul(0.044715)).mul(Math.sqrt(2 / Math.PI));
      return xf.mul(0.5).mul(inner.tanh().add(1));
    }
    return xf.mul(0.5).mul(xf.mul(Math.SQRT1_2).erf().add(1));
  });
}
