/**
 * Writes bias[o] into every element of each output-channel plane of y [N, O, plane], so the
 * GEMM can accumulate onto it and the sum is rounded once with the bias included.
 */
export function fillBias(y: Float32Array, bias: Float32Array, batch: number, channels: number, plane: number): void {
  for (let n = 0; n < batch; n++) {
    for (let o = 0; o < channels; o++) {
      const start = (n * channels + o) * plane;
      y.fill(bias[o], start, start + plane);
    }
  }
}
