import type { OpInputs } from '../../backend/ops.js';
import type { Tensor } from '../../ir/tensor.js';
import { cast } from '../cast.js';
import { div } from '../elementwise.js';

/** 1 / (1 + e^−x), in float32 for float16 inputs. Saturates cleanly: e^−x = Inf gives 0. */
export function sigmoidComposite({ x }: OpInputs<'Sigmoid', Tensor>): Tensor {
  const xf = cast(x, 'float32');
  return cast(div(1, xf.neg().exp().add(1)), x.dtype);
}
