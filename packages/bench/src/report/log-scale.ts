/** A base-10 log scale from [lo, hi] (widened to whole decades) onto [p0, p1] pixels. */
export function logScale(lo: number, hi: number, p0: number, p1: number): { at(v: number): number; ticks: number[] } {
  const d0 = Math.floor(Math.log10(lo));
  const d1 = Math.max(d0 + 1, Math.ceil(Math.log10(hi)));
  const at = (v: number): number => p0 + ((Math.log10(v) - d0) / (d1 - d0)) * (p1 - p0);
  const ticks: number[] = [];
  for (let d = d0; d <= d1; d++) ticks.push(10 ** d);
  return { at, ticks };
}

/** Tick label: 0.01, 0.1, 1, 10, 1k, 10k … */
export function tickLabel(v: number): string {
  if (v >= 1e6) return `${v / 1e6}M`;
  if (v >= 1e3) return `${v / 1e3}k`;
  return String(Number(v.toPrecision(1)));
}
