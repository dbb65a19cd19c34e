import { defineConfig } from 'vitest/config';
import { RunOrder } from './test/support/sequencer.js';

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
    // Two files at once on this 2-core machine. Three and four were tried: the load went past 20
    // (every page in a call costs Chromium a third to half a core), each file took longer and a
    // thin-link test ran out of time.
    maxWorkers: 2,
    sequence: { sequencer: RunOrder },
  },
});
