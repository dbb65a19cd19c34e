import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 120_000, // guards, not targets: browser tests on a loaded 2-core machine take minutes
    hookTimeout: 180_000,
    pool: 'forks',
    fileParallelism: true,
    // Two files at once on this 2-core machine. Four were tried: the machine's load went past 20
    // (each browser file starts Chromium or Firefox) and the run took longer, with more guards
    // running out, than two.
    maxWorkers: 2,
  },
});
