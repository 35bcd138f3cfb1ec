/** Advances a row-major multi-index over `sizes` by one, wrapping to all zeros after the last. */
export function nextIndex(index: number[], sizes: readonly number[]): void {
  for (let d = index.length - 1; d >= 0; d--) {
    if (++index[d] < sizes[d]) return;
    index[d] = 0;
  }
}
