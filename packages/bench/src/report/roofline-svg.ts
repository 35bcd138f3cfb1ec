import type { BenchResults } from '../harness/results.js';
import { escapeXml, sig3 } from './format.js';
import { colorOf } from './contender-color.js';
import { logScale, tickLabel } from './log-scale.js';

/**
 * results/roofline.svg: achieved GFLOP/s against arithmetic intensity (FLOP per byte of the
 * minimal traffic), log–log, under the roofs measured in the same run: memory bandwidth from the
 * copy probes (a slanted line per device) and the best plain-matmul GFLOP/s (flat).
 */
export function rooflineSvg(res: BenchResults): string {
  const names = res.contenders.map((c) => c.name);
  const copy = res.cases.find((r) => r.case.kind === 'copy');
  const matmul = res.cases.find((r) => r.case.kind === 'matmul');
  const bw = (who: string): number | undefined => copy?.results.find((r) => r.contender === who && r.status === 'ok')?.rate;
  const roofs = [
    { label: 'CPU copy (TypedArray)', gbs: bw('ours-cpu') },
    { label: 'CPU copy (torch)', gbs: bw('torch') },
    { label: 'GPU buffer copy', gbs: bw('ours-webgpu') },
  ].filter((r): r is { label: string; gbs: number } => r.gbs !== undefined);
  const best = matmul?.results.filter((r) => r.status === 'ok' && r.rate).sort((a, b) => b.rate! - a.rate!)[0];
  const points = res.cases
    .filter((r) => r.case.flops > 0)
    .flatMap((r) => r.results.filter((x) => x.status === 'ok' && x.stats).map((x) => ({ r, x, ai: r.case.flops / r.case.bytes, gflops: r.case.flops / (x.stats!.median * 1e6) })));

  const width = 900;
  const height = 560;
  const [l, rgt, t, b] = [70, 640, 40, height - 50];
  const ais = points.map((p) => p.ai);
  const ys = [...points.map((p) => p.gflops), ...(best ? [best.rate!] : [])];
  const sx = logScale(ais.length ? Math.min(...ais) : 0.1, ais.length ? Math.max(...ais) : 1000, l, rgt);
  const sy = logScale(ys.length ? Math.min(...ys) : 0.1, ys.length ? Math.max(...ys) * 2 : 1000, b, t);
  const x0 = sx.ticks[0]!;
  const x1 = sx.ticks[sx.ticks.length - 1]!;
  const yTop = sy.ticks[sy.ticks.length - 1]!;
  const yBottom = sy.ticks[0]!;
  const clampY = (v: number): number => Math.min(Math.max(v, yBottom), yTop);
  const parts: string[] = [];
  for (const tk of sx.ticks) parts.push(`<line x1="${sx.at(tk)}" y1="${t}" x2="${sx.at(tk)}" y2="${b}" stroke="#eee"/><text x="${sx.at(tk)}" y="${b + 14}" font-size="10" text-anchor="middle">${tickLabel(tk)}</text>`);
  for (const tk of sy.ticks) parts.push(`<line x1="${l}" y1="${sy.at(tk)}" x2="${rgt}" y2="${sy.at(tk)}" stroke="#eee"/><text x="${l - 4}" y="${sy.at(tk) + 3}" font-size="10" text-anchor="end">${tickLabel(tk)}</text>`);
  const dashes = ['4 3', '8 3', '1 3'];
  for (const [ri, roof] of roofs.entries()) {
    // GFLOP/s = GB/s × FLOP/byte, capped by the compute roof where there is one.
    const cap = best?.rate ?? Infinity;
    const y0 = clampY(Math.min(roof.gbs * x0, cap));
    const knee = Math.min(Math.max(cap / roof.gbs, x0), x1);
    const y1 = clampY(Math.min(roof.gbs * knee, cap));
    const dash = dashes[ri % dashes.length]!;
    parts.push(`<polyline fill="none" stroke="#444" stroke-dasharray="${dash}" points="${sx.at(x0)},${sy.at(y0)} ${sx.at(knee)},${sy.at(y1)} ${sx.at(x1)},${sy.at(y1)}"/>`);
    // Labelled in the legend: the slanted roofs start close together.
    const ly = t + 30 + (names.length + ri) * 18;
    parts.push(`<line x1="${rgt + 20}" y1="${ly - 4}" x2="${rgt + 40}" y2="${ly - 4}" stroke="#444" stroke-dasharray="${dash}"/>`);
    parts.push(`<text x="${rgt + 44}" y="${ly}" font-size="11">${escapeXml(`${roof.label} ${sig3(roof.gbs)} GB/s`)}</text>`);
  }
  if (best) {
    parts.push(`<line x1="${l}" y1="${sy.at(best.rate!)}" x2="${rgt}" y2="${sy.at(best.rate!)}" stroke="#000"/>`);
    parts.push(`<text x="${rgt - 4}" y="${sy.at(best.rate!) - 4}" font-size="10" text-anchor="end">${escapeXml(`best matmul ${sig3(best.rate!)} GFLOP/s (${best.contender})`)}</text>`);
  }
  for (const p of points) {
    const i = names.indexOf(p.x.contender);
    parts.push(
      `<circle cx="${sx.at(p.ai).toFixed(1)}" cy="${sy.at(p.gflops).toFixed(1)}" r="4" fill="${colorOf(i)}" fill-opacity="0.8"><title>${escapeXml(`${p.r.case.workload} ${p.r.case.label} · ${p.x.contender}: ${sig3(p.gflops)} GFLOP/s`)}</title></circle>`,
    );
  }
  const legend = names.map((n, i) => `<circle cx="${rgt + 30}" cy="${t + 10 + i * 18}" r="5" fill="${colorOf(i)}"/><text x="${rgt + 42}" y="${t + 14 + i * 18}">${escapeXml(n)}</text>`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="8" y="20" font-size="14" font-weight="bold">Roofline: achieved GFLOP/s vs FLOP per byte (log–log)</text>`,
    ...parts,
    ...legend,
    `<text x="${(l + rgt) / 2}" y="${height - 12}" text-anchor="middle">arithmetic intensity (FLOP / byte)</text>`,
    `<text x="16" y="${(t + b) / 2}" transform="rotate(-90 16 ${(t + b) / 2})" text-anchor="middle">GFLOP/s</text>`,
    `</svg>`,
  ].join('\n');
}
