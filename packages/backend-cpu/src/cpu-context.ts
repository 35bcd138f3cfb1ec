/** What every CPU kernel receives as `ctx`: tuning knobs, no state. */
export interface CpuContext {
  /**
   * Output (Conv) or input (ConvTranspose) positions per im2col/col2im tile. Bounds the column
   * buffer to `channels·prod(kernel)·convTile` floats instead of one column per position.
   */
  readonly convTile: number;
}
