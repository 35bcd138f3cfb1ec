/** A one-line progress bar on stderr, redrawn with "\r" on a terminal and printed once per step otherwise. */
export function progress(label: string): (done: number, total: number, stage: string) => void {
  const tty = process.stderr.isTTY === true;
  return (done, total, stage) => {
    const width = 20;
    const filled = Math.round((done / total) * width);
    const line = `${label.padEnd(22)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${stage}`;
    process.stderr.write(tty ? `\r${line.padEnd(70)}${done === total ? '\n' : ''}` : `${line}\n`);
  };
}
