import { ALL_OPS } from '../backend/ops.js';
import type { ConformanceReport } from './run-conformance.js';

/**
 * The report as a table, one row per op (how it runs, cases passed and failed), then the failures.
 *
 * @example
 * console.log(formatReport(await runConformance(createCpuBackend)));
 */
export function formatReport(report: ConformanceReport): string {
  const kind = (op: string): string =>
    (report.native as string[]).includes(op)
      ? 'native'
      : (report.composite as string[]).includes(op)
        ? 'composite'
        : (report.missingRequired as string[]).includes(op)
          ? 'MISSING'
          : 'view';
  const rows = ALL_OPS.map((op) => {
    const mine = report.results.filter((r) => r.op === op);
    const passed = mine.filter((r) => r.passed).length;
    return [op, kind(op), String(passed), String(mine.length - passed)];
  });
  const header = ['op', 'runs as', 'passed', 'failed'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i >= 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ');
  const lines = [
    `conformance: ${report.backend} — ${report.passed} passed, ${report.failed} failed of ${report.results.length} cases`,
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
  ];
  if (report.missingRequired.length > 0) lines.push(`missing required kernels: ${report.missingRequired.join(', ')}`);
  const failures = report.results.filter((r) => !r.passed);
  if (failures.length > 0) lines.push('', 'failures:', ...failures.map((r) => `  ${r.error ?? r.name}`));
  return lines.join('\n');
}
