/**
 * Where the built entry point keeps its CA, and what it says when that CA is gone:
 * the project's own certs/ whatever the working directory, and a loud warning
 * when a new CA replaces one that devices may trust.
 */
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { spawnDuet, type Entry } from '../support/entry.js';

const base = mkdtempSync(join(tmpdir(), 'duet-certs-location-'));
const entries: Entry[] = [];
afterEach(() => entries.splice(0).forEach((e) => e.kill()));
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('the default CERTS_DIR', () => {
  it("is the project's certs/ folder when duet is started from another directory", async () => {
    // a copy of the built project, so the real certs/ is left alone
    const project = join(base, 'project');
    cpSync('dist', join(project, 'dist'), { recursive: true });
    symlinkSync(resolve('node_modules'), join(project, 'node_modules'));
    cpSync('package.json', join(project, 'package.json'));
    const elsewhere = mkdtempSync(join(base, 'cwd-'));
    const env = { HOST: '127.0.0.1', CERTS_DIR: '' };
    const entry = await spawnDuet(env, { cwd: elsewhere, args: [join(project, 'dist/src/server/main.js')] });
    entries.push(entry);
    expect(existsSync(join(project, 'certs', 'ca.pem'))).toBe(true);
    expect(existsSync(join(elsewhere, 'certs'))).toBe(false);
    expect(entry.output()).toContain(`Local CA: ${join(project, 'certs', 'ca.pem')}`);
    expect(entry.output()).toMatch(/CA fingerprint \(SHA-256\): [0-9A-F:]{95}/);
  }, 60_000);
});

describe('losing the CA', () => {
  it('announces the new CA loudly, with what devices must do and both fingerprints', async () => {
    const certsDir = join(base, 'certs');
    const env = { HOST: '127.0.0.1', CERTS_DIR: certsDir };
    const first = await spawnDuet(env);
    entries.push(first);
    const oldFingerprint = /CA fingerprint \(SHA-256\): ([0-9A-F:]+)/.exec(first.output())![1]!;
    expect(first.output()).not.toContain('WARNING');
    first.kill();
    await first.exited();

    unlinkSync(join(certsDir, 'ca.pem'));
    unlinkSync(join(certsDir, 'ca-key.pem'));
    const second = await spawnDuet(env);
    entries.push(second);
    const out = second.output();
    expect(out).toContain('WARNING: duet created a NEW local CA');
    expect(out).toContain('trust the NEW CA');
    expect(out).toContain(`Old CA fingerprint (SHA-256): ${oldFingerprint}`);
  }, 90_000);
});
