/**
 * What the built entry point prints for an operator reading a log: plain text without
 * terminal colour codes when stdout is not a terminal (a file, a pipe, journald), the
 * settings that change what visitors meet, and a last line once duet has stopped.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { spawnDuet, type Entry } from '../support/entry.js';

const base = mkdtempSync(join(tmpdir(), 'duet-log-output-'));
const entries: Entry[] = [];
afterEach(() => entries.splice(0).forEach((e) => e.kill()));
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe('the log of a run', () => {
  it('names ACCESS_CODE and DIRECTORY=off, has no colour codes and ends with "duet stopped."', async () => {
    const logDir = join(base, 'logs');
    const entry = await spawnDuet({
      HOST: '127.0.0.1',
      CERTS_DIR: join(base, 'certs'),
      LOG_LEVEL: 'info',
      LOG_DIR: logDir,
      ACCESS_CODE: 'open sesame',
      DIRECTORY: 'off',
    });
    entries.push(entry);
    await entry.waitFor('ICE servers for browsers');
    expect(entry.output()).toContain('ACCESS_CODE is set: the room and people pages ask for it');
    expect(entry.output()).toContain('DIRECTORY=off: no one sees who is online');
    expect(entry.output()).not.toContain('open sesame');
    entry.child.kill('SIGTERM');
    expect(await entry.exited()).toBe(0);
    const out = entry.output();
    expect(out).toMatch(/shutting down: telling 0 clients[\s\S]*duet stopped\.\n$/);
    expect(out).not.toContain('\u001b[');
    const file = readFileSync(join(logDir, 'duet.log'), 'utf8');
    expect(file).toContain('duet stopped.');
    expect(file).not.toContain('\u001b[');
  }, 90_000);
});
