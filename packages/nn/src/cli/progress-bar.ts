/** Where a progress bar draws: stderr, or a stand-in in tests. */
export interface ProgressStream {
  isTTY?: boolean;
  write(text: string): unknown;
}

/**
 * A one-line progress bar redrawn in place with "\r" — `label [#####.....]  50% detail`. Draws only
 * when `enabled`, and at most once per percent, so a disabled or piped bar costs nothing.
 */
export class ProgressBar {
  private last = -1;

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly enabled: boolean,
    private readonly stream: ProgressStream = process.stderr,
  ) {}

  update(done: number, detail = ''): void {
    if (!this.enabled) return;
    const fraction = this.total > 0 ? Math.min(1, done / this.total) : 1;
    const percent = Math.floor(fraction * 100);
    if (percent === this.last && done < this.total) return;
    this.last = percent;
    const width = 30;
    const filled = Math.round(fraction * width);
    this.stream.write(`\r${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(percent).padStart(3)}% ${detail}`.trimEnd());
  }

  finish(detail = ''): void {
    if (!this.enabled) return;
    if (this.last !== 100) this.update(this.total, detail);
    this.stream.write('\n');
  }
}

/** Bars are drawn for files of at least this many bytes when stderr is a terminal (or always with --progress). */
export const PROGRESS_MIN_BYTES = 16 * 1024 * 1024;

/** Whether to draw: `--progress` forces it; otherwise only on a terminal and for a large input. */
export function progressWanted(flag: boolean | undefined, bytes: number, stream: ProgressStream = process.stderr): boolean {
  return flag === true || (flag !== false && stream.isTTY === true && bytes >= PROGRESS_MIN_BYTES);
}
