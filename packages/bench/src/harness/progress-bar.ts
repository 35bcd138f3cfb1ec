import type { ProgressEvent } from './run-bench.js';

/**
 * A one-line progress bar on stderr (redrawn in place on a terminal; one line per case
 * otherwise, so CI logs stay short). Overall progress counts whole cases; the tail shows the call
 * running now.
 */
export function progressBar(stream: NodeJS.WriteStream = process.stderr): (e: ProgressEvent) => void {
  const tty = stream.isTTY === true;
  let caseIndex = 0;
  let caseTotal = 1;
  let lastLen = 0;
  const draw = (text: string): void => {
    if (!tty) return;
    const line = text.slice(0, (stream.columns ?? 100) - 1);
    stream.write(`\r${line}${' '.repeat(Math.max(0, lastLen - line.length))}`);
    lastLen = line.length;
  };
  return (e) => {
    if (e.kind === 'start') {
      if (tty) draw(`starting ${e.contender}…`);
      else stream.write(`starting ${e.contender}\n`);
      return;
    }
    if (e.kind === 'case') {
      caseIndex = e.index;
      caseTotal = e.total;
      if (!tty) stream.write(`[${e.index + 1}/${e.total}] ${e.case.workload} ${e.case.label}\n`);
      return;
    }
    const fraction = (caseIndex + e.done / e.total) / caseTotal;
    const width = 24;
    const full = Math.round(fraction * width);
    draw(`[${'█'.repeat(full)}${'░'.repeat(width - full)}] ${(fraction * 100).toFixed(0).padStart(3)}% ${e.case.workload} ${e.case.label} · ${e.contender} ${e.what}`);
  };
}

/** Ends the bar's line so later output starts on a fresh one. */
export function endProgress(stream: NodeJS.WriteStream = process.stderr): void {
  if (stream.isTTY) stream.write('\n');
}
