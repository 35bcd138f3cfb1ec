/**
 * How a tile of grid positions maps onto a target grid through a kernel window, per spatial axis:
 * target = grid·stride − padBefore + k·dilation. For Conv the grid is the output and the target
 * the input (im2col gathers); for ConvTranspose the grid is the input and the target the output
 * (each tap's GEMM writes it). Positions outside the target are the zero padding.
 */
export interface ConvGeometry {
  /** Spatial sizes of the grid the tiles walk. */
  readonly grid: readonly number[];
  /** Spatial sizes of the grid read (Conv) or written (ConvTranspose). */
  readonly target: readonly number[];
  readonly kernel: readonly number[];
  readonly stride: readonly number[];
  readonly dilation: readonly number[];
  readonly padBefore: readonly number[];
}
