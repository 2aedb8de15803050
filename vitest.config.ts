import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    globalSetup: ['test/global-setup.ts'],
    restoreMocks: true,
    clearMocks: true,
    unstubEnvs: true,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration tests start real local servers and child processes; two cores only.
    pool: 'forks',
    // Most files wait on servers, browsers and child processes, not the CPU: three at once take the whole suite
    // from about 9 to under 5 minutes on two cores (vitest's default here would be one).
    maxWorkers: 3,
  },
});
