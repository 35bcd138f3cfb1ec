/** The original utils.get_padding: the padding that keeps the length of a stride-1 conv (odd kernels). */
export function getPadding(kernelSize: number, dilation = 1): number {
  return Math.floor((kernelSize * dilation - dilation) / 2);
}
