import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchResults } from '../harness/results.js';
import { barChartSvg } from './bar-chart-svg.js';
import { markdownReport } from './markdown-report.js';
import { rooflineSvg } from './roofline-svg.js';

/**
 * Writes <dir>/<name>.json, <name>.md and (timed runs, unless `charts` is false) one bar chart per
 * workload and the roofline; returns the paths.
 */
export function writeResults(res: BenchResults, dir: string, name = 'latest', opts: { charts?: boolean } = {}): string[] {
  mkdirSync(dir, { recursive: true });
  const files: [string, string][] = [
    [`${name}.json`, `${JSON.stringify(res, null, 2)}\n`],
    [`${name}.md`, markdownReport(res)],
  ];
  if (!res.quick && opts.charts !== false) {
    for (const w of new Set(res.cases.map((r) => r.case.workload))) files.push([`${w.toLowerCase()}.svg`, barChartSvg(res, w)]);
    if (res.cases.some((r) => r.case.kind === 'matmul' || r.case.kind === 'copy')) files.push(['roofline.svg', rooflineSvg(res)]);
  }
  return files.map(([f, text]) => {
    writeFileSync(join(dir, f), text);
    return join(dir, f);
  });
}
