import type { SuiteReport } from './suite/suite-result.js';

/** `conformance 12.3 s, parity 4.5 s, …`: where a suite run's time went, for the log. */
export function phases(report: SuiteReport): string {
  return Object.entries(report.phaseMs)
    .map(([phase, ms]) => `${phase} ${(ms / 1000).toFixed(1)} s`)
    .join(', ');
}

/** The measured errors against torch: the worst over the gradient fixtures, and each training run. */
export function notes(report: SuiteReport): string {
  const grads = report.results.filter((r) => r.name.startsWith('grad parity: ') && r.relError !== undefined);
  const worst = Math.max(...grads.map((r) => r.relError!));
  const lines = grads.length ? [`grad parity: ${grads.length} fixtures, worst relative error ${worst.toExponential(2)} (entries above 1e-3 of the tensor's max)`] : [];
  for (const r of report.results) {
    if (r.name.startsWith('train parity: ')) lines.push(`${r.name}: ${r.note ?? ''}, max relative loss error ${r.relError?.toExponential(2)}`);
  }
  return lines.map((l) => `\n${l}`).join('');
}
