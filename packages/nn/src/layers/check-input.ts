import { ShapeError, type Tensor } from '@weightnorm/core';

/**
 * Checks a layer input's rank and channel axis at the layer, so the message names the layer
 * (`Conv1d.forward: input must be …`) instead of an op deep inside.
 */
export function checkInput(op: string, x: Tensor, ranks: readonly number[], channels: number, channelAxis: number, layout: string): void {
  const axis = channelAxis < 0 ? x.ndim + channelAxis : channelAxis;
  if (!ranks.includes(x.ndim) || x.shape[axis] !== channels) {
    throw new ShapeError({ op, argument: 'input', allowed: `${layout} with ${channels} ${channelAxis < 0 ? 'features' : 'channels'}`, received: [...x.shape] });
  }
}
