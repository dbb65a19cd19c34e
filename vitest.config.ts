import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 120_000, // guards, not targets: browser tests on a loaded 2-core machine take minutes
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: true,
    // The whole suite is about 14 CPU-minutes, but most of a browser, namespace or process test is
    // waiting (for a call to connect, a ring to time out, a child to start): with one file per core
    // the two cores sat half idle. Four files at once keep them busy; every wait has a generous
    // guard (test/support/waits.ts), so the extra contention slows a test but does not fail it.
    maxWorkers: 4,
  },
});
