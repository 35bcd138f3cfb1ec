import type { BenchResults } from '../harness/results.js';
import { escapeXml, sig3 } from './format.js';
import { colorOf } from './contender-color.js';
import { logScale, tickLabel } from './log-scale.js';

/**
 * results/<workload>.svg: per case, one horizontal bar per contender with a checked timing, its
 * length the rate (GFLOP/s or GB/s) on a log scale; contenders without a number are listed as
 * such so a missing bar is never silent.
 */
export function barChartSvg(res: BenchResults, workload: string): string {
  const reports = res.cases.filter((r) => r.case.workload === workload);
  const names = res.contenders.map((c) => c.name);
  const rates = reports.flatMap((r) => r.results.filter((x) => x.status === 'ok' && x.rate).map((x) => x.rate!));
  const left = 150;
  const right = 760;
  const barH = 12;
  const width = 900;
  const top = 40;
  const scale = logScale(rates.length ? Math.min(...rates) : 0.1, rates.length ? Math.max(...rates) : 10, left, right);
  const parts: string[] = [];
  let y = top;
  for (const r of reports) {
    parts.push(`<text x="8" y="${y + barH}" font-weight="bold">${escapeXml(r.case.label)}</text>`);
    for (const [i, n] of names.entries()) {
      const x = r.results.find((q) => q.contender === n);
      if (!x) continue;
      if (x.status === 'ok' && x.rate) {
        const w = Math.max(1, scale.at(x.rate) - left);
        parts.push(`<rect x="${left}" y="${y}" width="${w.toFixed(1)}" height="${barH - 2}" fill="${colorOf(i)}"><title>${escapeXml(`${n}: ${sig3(x.stats!.median)} ms`)}</title></rect>`);
        parts.push(`<text x="${(left + w + 4).toFixed(1)}" y="${y + barH - 3}" font-size="10">${escapeXml(`${n} ${sig3(x.rate)}`)}</text>`);
      } else {
        parts.push(`<text x="${left + 4}" y="${y + barH - 3}" font-size="10" fill="#888">${escapeXml(`${n}: ${x.status === 'mismatch' ? 'wrong result, not timed' : x.status}`)}</text>`);
      }
      y += barH;
    }
    y += 10;
  }
  const height = y + 30;
  const metric = reports[0]?.case.metric ?? '';
  const axis = scale.ticks
    .map((t) => `<line x1="${scale.at(t)}" y1="${top - 6}" x2="${scale.at(t)}" y2="${y}" stroke="#ddd"/><text x="${scale.at(t)}" y="${y + 14}" font-size="10" text-anchor="middle">${tickLabel(t)}</text>`)
    .join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="8" y="18" font-size="14" font-weight="bold">${escapeXml(`${workload}: ${metric} (log scale, longer is faster)`)}</text>`,
    axis,
    ...parts,
    `<text x="${(left + right) / 2}" y="${height - 4}" font-size="10" text-anchor="middle">${escapeXml(metric)}</text>`,
    `</svg>`,
  ].join('\n');
}
