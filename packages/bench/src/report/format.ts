import type { CaseResult } from '../harness/results.js';

/** 3 significant digits, no exponent for the magnitudes a table shows. */
export function sig3(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  const a = Math.abs(x);
  if (a >= 100) return x.toFixed(0);
  if (a >= 10) return x.toFixed(1);
  if (a >= 1) return x.toFixed(2);
  if (a >= 0.01) return x.toFixed(3);
  return x.toExponential(1);
}

/** Short cell text for a result without a timing. */
export function statusText(r: CaseResult | undefined): string {
  if (!r) return '';
  switch (r.status) {
    case 'ok':
      return '✓';
    case 'mismatch':
      return '✗ wrong';
    case 'unsupported':
      return 'n/a';
    case 'unavailable':
      return 'skipped';
    case 'error':
      return 'error';
    case 'timeout':
      // The limit is in the message ('timed out after 300 s (…)'), as the coordinator wrote it.
      return /^timed out after [\d.]+ s/.exec(r.message ?? '')?.[0] ?? 'timed out';
  }
}

/** Escapes text for SVG and for markdown table cells. */
export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
export function escapeCell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
