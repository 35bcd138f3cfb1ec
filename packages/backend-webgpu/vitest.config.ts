import { defineConfig } from 'vitest/config';

// GPU work runs in forked processes: a lavapipe crash then takes down one child, not the runner.
export default defineConfig({
  test: {
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 1_600_000,
  },
});
