import { defineConfig } from 'vitest/config';

// CI runs every package's tests at once on 2 cores, beside Chromium and helper threads: the heavy
// reference checks (erf's 120-digit series, the fuzzed GEMM sizes) can take several times their
// idle time there. 30 s still bounds a hang.
export default defineConfig({
  test: {
    testTimeout: 30_000,
  },
});
