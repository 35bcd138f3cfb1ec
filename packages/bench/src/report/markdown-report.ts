import type { BenchResults, CaseResult } from '../harness/results.js';
import { escapeCell, sig3, statusText } from './format.js';
import { caseRatios } from './ratios.js';

/**
 * results/latest.md: the machine and contenders, then per workload a table of medians (and the
 * rate), a table of speed ratios against the fastest peer, and every reason a cell is empty.
 */
export function markdownReport(res: BenchResults): string {
  const names = res.contenders.map((c) => c.name);
  const m = res.machine;
  const out: string[] = [];
  out.push(`# weightnorm bench${res.quick ? ' (--quick: correctness only)' : ''}`, '');
  out.push(`${res.generatedAt} · ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB · ${m.os} · Node ${m.node}`, '');
  if (!res.quick) {
    out.push(
      `Median of ${res.method.iters} timed calls (interleaved across contenders, after ${res.method.warmup} warm-up calls; ` +
        `a contender slower than ${Math.round(res.method.budgetMs / res.method.iters / 1000)} s per call gets fewer, at least ${res.method.minIters}, shown as n=…). ` +
        'GPU timings include the readback. Every output is checked against ours-cpu first; a ✗ is not timed. ' +
        `Consecutive calls of different contenders are ${res.method.settleMs} ms apart; a call over ${res.method.callTimeoutMs / 1000} s is stopped ("timed out").` +
        (res.method.maxFirstMs !== null
          ? ` **This run was shortened:** a contender whose checked first call took over ${res.method.maxFirstMs / 1000} s was not called again; that first call (warm-up included, so GPU shader compilation too) is its only sample, marked "1st call".`
          : ''),
      '',
    );
  }
  out.push('| contender | version | runs on |', '|---|---|---|');
  for (const c of res.contenders) {
    out.push(`| ${c.name} | ${escapeCell(c.version ?? '')} | ${escapeCell(c.available ? c.device ?? '' : `skipped: ${c.message ?? ''}`)} |`);
  }
  out.push('');

  const notes: string[] = [];
  const workloads = [...new Set(res.cases.map((r) => r.case.workload))];
  for (const w of workloads) {
    const reports = res.cases.filter((r) => r.case.workload === w);
    out.push(`## ${w}`, '');
    out.push(`| case | ${names.join(' | ')} |`, `|---|${names.map(() => '---:').join('|')}|`);
    for (const r of reports) {
      const cells = names.map((n) => cell(r.results.find((x) => x.contender === n), r.case.metric, res.quick));
      out.push(`| ${r.case.label} | ${cells.join(' | ')} |`);
      for (const x of r.results) {
        if (x.status !== 'ok' && x.status !== 'unavailable') notes.push(`- ${w} ${r.case.label} · ${x.contender} (${statusText(x)}): ${(x.message ?? '').replace(/\n/g, ' ')}`);
        if (x.retries > 0) notes.push(`- ${w} ${r.case.label} · ${x.contender}: worker restarted ${x.retries}× after crashes`);
      }
    }
    out.push('');
    if (!res.quick) {
      out.push(`Speed vs the fastest peer (its median ÷ each median; > 1 is faster than every peer):`, '');
      out.push(`| case | fastest peer | ${names.join(' | ')} |`, `|---|---|${names.map(() => '---:').join('|')}|`);
      for (const r of reports) {
        const ratios = caseRatios(r, res.contenders);
        const cells = names.map((n) => {
          const s = ratios.speed.get(n);
          return s === undefined ? statusText(r.results.find((x) => x.contender === n)) : n === ratios.fastestPeer ? `**${s.toFixed(2)}×**` : `${sig3(s)}×`;
        });
        out.push(`| ${r.case.label} | ${ratios.fastestPeer ?? '—'} | ${cells.join(' | ')} |`);
      }
      out.push('');
    }
  }
  if (notes.length > 0) out.push('## Notes', '', ...notes, '');
  return out.join('\n');
}

function cell(r: CaseResult | undefined, metric: string, quick: boolean): string {
  if (!r) return '';
  if (r.status !== 'ok') return r.status === 'mismatch' ? `✗ wrong (err ${sig3(r.relError ?? Infinity)})` : statusText(r);
  if (quick || !r.stats) return `✓ ${r.relError === 0 ? 'exact' : `err ${sig3(r.relError ?? 0)}`}`;
  const n = r.firstCallOnly ? ' 1st call' : r.stats.n < 10 ? ` n=${r.stats.n}` : '';
  const retries = r.retries > 0 ? ` ↻${r.retries}` : '';
  return `${sig3(r.stats.median)} ms · ${sig3(r.rate!)} ${metric}${n}${retries}`;
}
