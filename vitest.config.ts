import { defineConfig } from 'vitest/config';

// The suites that share the one test WordPress (.ci/wordpress-up.sh): its drop-box, outbox, signal file, orders
// and rate limits are common to all of them, so they run one file at a time, after everything else.
const SHARED_WORDPRESS = ['test/dropbox-wp/**/*.test.ts', 'test/checkout-wp/**/*.test.ts'];

export default defineConfig({
  test: {
    setupFiles: ['test/setup.ts'],
    globalSetup: ['test/global-setup.ts'],
    restoreMocks: true,
    clearMocks: true,
    unstubEnvs: true,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration tests start real local servers and child processes; two cores only.
    pool: 'forks',
    projects: [
      {
        extends: true,
        // Most files wait on local servers and child processes, not the CPU: three at once on two cores
        // (vitest's default here would be one).
        test: { name: 'isolated', include: ['test/**/*.test.ts'], exclude: SHARED_WORDPRESS, maxWorkers: 3, sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        test: { name: 'shared-wordpress', include: SHARED_WORDPRESS, maxWorkers: 1, sequence: { groupOrder: 1 } },
      },
    ],
  },
});
