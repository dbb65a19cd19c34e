/**
 * Start-up problems end with one plain sentence naming the setting, exit code 1
 * and no stack trace, through the built entry point.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawnDuet, spawnEntry, type Entry } from '../support/entry.js';

const NOBODY = 65534;
const base = mkdtempSync(join(tmpdir(), 'duet-startup-errors-'));
const certsDir = join(base, 'certs');
const entries: Entry[] = [];
let blocker: Server;
let busyPort: number;

beforeAll(async () => {
  chmodSync(base, 0o755);
  blocker = createServer();
  await new Promise<void>((ok) => blocker.listen({ port: 0, host: '::', ipv6Only: false }, ok));
  busyPort = (blocker.address() as { port: number }).port;
});
afterEach(() => entries.splice(0).forEach((e) => e.kill()));
afterAll(() => {
  blocker.close();
  rmSync(base, { recursive: true, force: true });
});

async function failsWith(env: Record<string, string>, sentence: string, options: { uid?: number; gid?: number } = {}): Promise<void> {
  const entry = spawnEntry({ PORT: '0', CERTS_DIR: certsDir, ...env }, options);
  entries.push(entry);
  expect(await entry.exited()).toBe(1);
  expect(entry.output()).toContain(sentence);
  expect(entry.output()).not.toMatch(/\n\s+at /);
  expect(entry.output().trim().split('\n').at(-1)).toContain(sentence); // the sentence is the last word
  expect(entry.output()).not.toMatch(/Error:|could not start/);
}

describe('starting duet when something is in the way', () => {
  it('says another program uses the port when PORT is taken', async () => {
    await failsWith({ PORT: String(busyPort) }, `duet: another duet or program is using port ${busyPort}: stop it or set PORT`);
  });

  it('names CERTS_DIR and its path when the folder is not writable', async () => {
    const locked = join(base, 'locked');
    mkdirSync(locked, { mode: 0o755 }); // root's: the server below runs as nobody
    await failsWith({ CERTS_DIR: locked }, `duet: CERTS_DIR="${locked}" is not writable by duet (EACCES)`, { uid: NOBODY, gid: NOBODY });
  });

  it('names CERTS_DIR when it points at a file', async () => {
    const file = join(base, 'a-file');
    writeFileSync(file, 'not a folder');
    await failsWith({ CERTS_DIR: file }, `duet: CERTS_DIR="${file}" is a file`);
  });

  it('names HOST when it is not an address of this machine', async () => {
    await failsWith({ HOST: '198.51.100.77' }, 'duet: HOST=198.51.100.77 is not an address of this machine');
  });
});

describe('starting duet with HOST=localhost', () => {
  it('says other devices cannot reach it, without blaming the Wi-Fi', async () => {
    const entry = await spawnDuet({ CERTS_DIR: certsDir, HOST: 'localhost' });
    entries.push(entry);
    expect(entry.output()).toContain('HOST=localhost listens on loopback, which other devices cannot reach');
    expect(entry.output()).not.toMatch(/wi-?fi/i);
  }, 60_000);
});
