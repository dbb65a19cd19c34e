/**
 * Once per test run: a fresh CA and server certificate made by duet's own cert
 * code, and the server and browser bundle built when stale, so every test talks to the real thing.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ensureCertificates } from '../../src/server/lan/certs.js';

declare module 'vitest' {
  export interface ProvidedContext {
    certsDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const dir = mkdtempSync(join(tmpdir(), 'duet-test-certs-'));
  await ensureCertificates({ dir, names: ['localhost', '127.0.0.1', '::1'] });
  project.provide('certsDir', dir);
  // the server and scripts as `npm start` runs them, and the browser bundle: built as `npm start`
  // builds them, only when a source is newer than the last build (a whole tsc build is minutes on a loaded machine)
  execFileSync(process.execPath, ['scripts/build-if-stale.mjs'], { stdio: 'inherit' });
  return () => rmSync(dir, { recursive: true, force: true });
}
