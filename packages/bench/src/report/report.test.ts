import { describe, expect, it } from 'vitest';
import { syntheticResults } from '../../test/synthetic-results.js';
import { barChartSvg } from './bar-chart-svg.js';
import { markdownReport } from './markdown-report.js';
import { caseRatios } from './ratios.js';
import { rooflineSvg } from './roofline-svg.js';

describe('caseRatios', () => {
  it('compares every timed contender with the fastest peer, skipping ours and untimed ones', () => {
    const res = syntheticResults();
    const r = caseRatios(res.cases[0]!, res.contenders);
    expect(r.fastestPeer).toBe('ort-node');
    expect(r.speed.get('ort-node')).toBe(1);
    expect(r.speed.get('ours-cpu')).toBe(0.5);
    expect(r.speed.has('tfjs-wasm')).toBe(false);
  });
  it('has no fastest peer when only ours ran', () => {
    const res = syntheticResults();
    expect(caseRatios(res.cases[1]!, res.contenders).fastestPeer).toBeNull();
  });
});

describe('markdownReport', () => {
  const md = markdownReport(syntheticResults());
  it('shows medians with the rate, flags the mismatch and the skip, counts retries', () => {
    expect(md).toContain('| conv1d d1 cached | 400 ms · 32.2 GFLOP/s | ✗ wrong (err 1.0e-7) | 200 ms · 64.4 GFLOP/s ↻2 | skipped |');
  });
  it('has the ratio table against the fastest peer', () => {
    expect(md).toContain('| conv1d d1 cached | ort-node | 0.500× | ✗ wrong | **1.00×** | skipped |');
  });
  it('gives every reason a cell is empty', () => {
    expect(md).toContain('tfjs-wasm (✗ wrong): max |error| 1 > 0.001 × max |ref| 5');
    expect(md).toContain('ort-node: worker restarted 2× after crashes');
    expect(md).toContain('| torch |  | skipped: /usr/bin/python3: No module named torch |');
  });
  it('states the pause between contenders and the per-call limit', () => {
    expect(md).toContain('Consecutive calls of different contenders are 100 ms apart; a call over 300 s is stopped ("timed out").');
  });
  it('shows a time-out with its limit, in the table and the notes', () => {
    expect(md).toContain('| matmul 1024³ | 100 ms · 21.5 GFLOP/s | timed out after 300 s | 50.0 ms · 42.9 GFLOP/s |  |');
    expect(md).toContain('tfjs-wasm (timed out after 300 s): timed out after 300 s (no reply to run; worker killed');
  });
});

describe('SVG charts', () => {
  it('draws one bar per timed contender and names the rest', () => {
    const svg = barChartSvg(syntheticResults(), 'W2');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg.match(/<rect x="150"/g)?.length).toBe(2);
    expect(svg).toContain('tfjs-wasm: wrong result, not timed');
    expect(svg).toContain('torch: unavailable');
  });
  it('draws the roofline with the measured roofs and one point per FLOP-counting result', () => {
    const svg = rooflineSvg(syntheticResults());
    expect(svg).toContain('CPU copy (TypedArray) 13.4 GB/s');
    expect(svg).toContain('best matmul 42.9 GFLOP/s (ort-node)');
    // conv: ours-cpu and ort-node; matmul: both again (the copy has no FLOPs).
    expect(svg.match(/fill-opacity="0.8"/g)?.length).toBe(4);
  });
});
