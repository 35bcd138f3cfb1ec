/** A fixed color per contender, stable across charts. */
export function colorOf(index: number): string {
  const palette = ['#d62728', '#ff7f0e', '#1f77b4', '#17becf', '#9467bd', '#2ca02c', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22'];
  return palette[index % palette.length]!;
}
