/**
 * Once per test run: a fresh CA and server certificate made by duet's own cert
 * code, and the server and browser bundle built when stale, so every test talks to the real thing.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserServer } from 'playwright-core';
import type { TestProject } from 'vitest/node';
import { ensureCertificates } from '../../src/server/lan/certs.js';
import { chromiumArgs, chromiumPath } from './chromium.js';
import { writeCameraClip } from './fake-camera.js';

declare module 'vitest' {
  export interface ProvidedContext {
    certsDir: string;
    /** The run's test camera, a Y4M clip (fake-camera.ts), or '' for Chromium's built-in one. */
    cameraFile: string;
    /** Set by a config (the screenshots') that wants Chromium's built-in camera. */
    testCamera?: 'built-in';
    /** The run's shared Chromium (`launchBrowser` connects to it), or '' without Chromium. */
    chromiumEndpoint: string;
  }
}

/** Builds dist/ when stale, as `npm start` does but without type-checking the server: the checks of `npm test` do that beside the tests. */
function buildIfStale(): Promise<void> {
  return new Promise((done, fail) => {
    const build = spawn(process.execPath, ['scripts/build-if-stale.mjs', '--no-check'], { stdio: 'inherit' });
    build.on('error', fail);
    build.on('close', (code) => (code === 0 ? done() : fail(new Error(`the build failed (exit code ${code})`))));
  });
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // the server and scripts as `npm start` runs them, and the browser bundle, built only when a source
  // is newer than the last build (a whole tsc build is minutes on a loaded machine), while the rest is made
  const built = buildIfStale();
  const dir = mkdtempSync(join(tmpdir(), 'duet-test-certs-'));
  let shared: BrowserServer | undefined;
  try {
    await ensureCertificates({ dir, names: ['localhost', '127.0.0.1', '::1'] });
    project.provide('certsDir', dir);
    // the screenshots for docs/ keep Chromium's built-in camera: the clip's label is a temporary path
    const builtIn = project.config.provide?.testCamera === 'built-in';
    const camera = builtIn ? undefined : writeCameraClip(join(dir, 'duet-test-camera.y4m'));
    project.provide('cameraFile', camera ?? '');
    // one Chromium for the whole run: each browser test file connects to it and makes its own
    // contexts, instead of starting (and paying for) a browser of its own
    const path = chromiumPath();
    if (existsSync(path))
      shared = await chromium.launchServer({ executablePath: path, args: chromiumArgs(readFileSync(join(dir, 'cert.pem'), 'utf8'), camera) });
    project.provide('chromiumEndpoint', shared?.wsEndpoint() ?? '');
    await built;
  } catch (error) {
    await shared?.close();
    await built.catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return async () => {
    await shared?.close();
    rmSync(dir, { recursive: true, force: true });
  };
}
