import { defineConfig } from 'vitest/config';

// `npm run screenshots`: live calls in Chromium, saved to docs/screenshots/.
export default defineConfig({
  test: {
    include: ['test/screenshots/*.shots.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    provide: { testCamera: 'built-in' }, // Chromium's own fake camera, not the suite's small clip (test/support/fake-camera.ts)
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
