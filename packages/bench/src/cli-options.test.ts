import { describe, expect, it } from 'vitest';
import { parseCliOptions } from './cli-options.js';

describe('parseCliOptions', () => {
  it('has the documented defaults', () => {
    expect(parseCliOptions([])).toEqual({ quick: false, only: [], iters: 10, budgetS: 60, minIters: 3, maxFirstS: null, callTimeoutS: 300, settleMs: 100, require: [], out: null, help: false });
  });
  it('reads every flag, --only repeated or comma-separated, and skips pnpm’s "--"', () => {
    const o = parseCliOptions(['--', '--quick', '--only', 'W1,ort-node', '--only', 'torch', '--iters', '20', '--budget-s', '5', '--min-iters', '1', '--max-first-s', '8', '--call-timeout-s', '1.5', '--settle-ms', '0', '--require', 'ours-cpu,torch', '--out', '/tmp/x']);
    expect(o).toEqual({ quick: true, only: ['W1', 'ort-node', 'torch'], iters: 20, budgetS: 5, minIters: 1, maxFirstS: 8, callTimeoutS: 1.5, settleMs: 0, require: ['ours-cpu', 'torch'], out: '/tmp/x', help: false });
  });
  it('rejects unknown flags, missing values and non-positive numbers with the usage', () => {
    expect(() => parseCliOptions(['--fast'])).toThrow(/unknown argument --fast[\s\S]*usage: pnpm bench/);
    expect(() => parseCliOptions(['--only'])).toThrow(/--only needs a value/);
    expect(() => parseCliOptions(['--iters', '0'])).toThrow(/--iters must be a positive number; received 0/);
    expect(() => parseCliOptions(['--call-timeout-s', '-5'])).toThrow(/--call-timeout-s must be a positive number; received -5/);
    expect(() => parseCliOptions(['--call-timeout-s', 'soon'])).toThrow(/--call-timeout-s must be a positive number; received soon/);
    expect(() => parseCliOptions(['--call-timeout-s'])).toThrow(/--call-timeout-s needs a value/);
    expect(() => parseCliOptions(['--settle-ms', '-1'])).toThrow(/--settle-ms must be a number ≥ 0; received -1/);
  });
});
