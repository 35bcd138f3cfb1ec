import { spawn } from 'node:child_process';

export interface ChildRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly code: number | null;
  /** Attempts that died by a signal (lavapipe segfaults) and were run again. */
  readonly retries: number;
  readonly signals: readonly string[];
}

/**
 * Runs `node script args…` and retries, at most `maxRetries` times, only when the child is killed
 * by a signal (lavapipe crashes in a fraction of processes). A child that exits with a code, or a
 * last attempt that still crashes, is returned as it is, so a real failure is never hidden.
 */
export async function runChild(script: string, args: readonly string[], opts: { maxRetries: number; timeoutMs: number }): Promise<ChildRun> {
  const signals: string[] = [];
  for (let attempt = 0; ; attempt++) {
    const run = await once(script, args, opts.timeoutMs);
    if (run.signal === null || attempt === opts.maxRetries) {
      return { stdout: run.stdout, stderr: run.stderr, code: run.code, retries: signals.length, signals: [...signals, ...(run.signal ? [run.signal] : [])] };
    }
    signals.push(run.signal);
  }
}

function once(script: string, args: readonly string[], timeoutMs: number) {
  return new Promise<{ stdout: string; stderr: string; code: number | null; signal: string | null }>((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // A wedged child is killed (SIGKILL counts as a crash and is retried, then reported).
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code, signal });
    });
  });
}
