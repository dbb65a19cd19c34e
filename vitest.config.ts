import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 120_000, // guards, not targets: browser tests on a loaded 2-core machine take minutes
    hookTimeout: 180_000,
    pool: 'forks',
    // Each worker process runs file after file without a fresh module graph: the test files share
    // no module state (test/support keeps none), and importing vitest, Playwright and the server
    // once per worker instead of once per file took the unit and integration folders from about
    // 235 s to 67 s on this machine.
    isolate: false,
    fileParallelism: true,
    // Two files at once on this 2-core machine. Four were tried: the machine's load went past 20
    // (each browser file starts Chromium or Firefox) and the run took longer, with more guards
    // running out, than two.
    maxWorkers: 2,
  },
});
