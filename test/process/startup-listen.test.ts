/**
 * With the default HOST duet listens dual-stack, and it only ever advertises links
 * on the address family it listens on.
 */
import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { listenDualStack } from '../../src/server/http/listen.js';
import { spawnDuet, type Entry } from '../support/entry.js';
import { fetchOnce } from '../support/http.js';

const certsDir = mkdtempSync(join(tmpdir(), 'duet-listen-'));
const entries: Entry[] = [];
afterEach(() => entries.splice(0).forEach((e) => e.kill()));
afterAll(() => rmSync(certsDir, { recursive: true, force: true }));

describe('starting duet with the default HOST', () => {
  it('answers HTTPS on both 127.0.0.1 and [::1]', async () => {
    const entry = await spawnDuet({ CERTS_DIR: certsDir });
    entries.push(entry);
    const { port } = entry;
    const ca = readFileSync(join(certsDir, 'ca.pem'), 'utf8');
    expect((await fetchOnce(`https://127.0.0.1:${port}/api/lan`, { ca })).status).toBe(200);
    const v6 = await fetchOnce(`https://[::1]:${port}/api/lan`, { ca });
    expect(v6.status).toBe(200);
    // what /api/lan advertises is what the banner lists, and duet answers on each family it lists
    const { urls } = JSON.parse(v6.body.toString()) as { urls: string[] };
    for (const url of urls) expect(entry.output()).toContain(url);
  }, 60_000);

  it('advertises no IPv6 link when told to listen on IPv4 only', async () => {
    const entry = await spawnDuet({ CERTS_DIR: certsDir, HOST: '0.0.0.0' });
    entries.push(entry);
    const { port } = entry;
    const ca = readFileSync(join(certsDir, 'ca.pem'), 'utf8');
    const { urls } = JSON.parse((await fetchOnce(`https://127.0.0.1:${port}/api/lan`, { ca })).body.toString()) as { urls: string[] };
    expect(urls.filter((u) => u.includes('['))).toEqual([]);
    expect(entry.output()).not.toMatch(/https:\/\/\[/);
  }, 60_000);
});

/** A stand-in for a server on a machine without IPv6: `::` fails with `code`, anything else listens. */
function serverWithoutIpv6(code: string): Server & { hosts: string[] } {
  const fake = Object.assign(new EventEmitter(), {
    hosts: [] as string[],
    bound: '',
    listen(options: { port: number; host: string }, done: () => void) {
      fake.hosts.push(options.host);
      if (options.host === '::') setImmediate(() => fake.emit('error', Object.assign(new Error(code), { code })));
      else setImmediate(() => ((fake.bound = options.host), done()));
      return fake;
    },
    address: () => ({ address: fake.bound, family: 'IPv4', port: 8443 }),
  });
  return fake as unknown as Server & { hosts: string[] };
}

describe('listening where the machine has no IPv6', () => {
  it.each(['EAFNOSUPPORT', 'EADDRNOTAVAIL'])('falls back to 0.0.0.0 when :: fails with %s', async (code) => {
    const server = serverWithoutIpv6(code);
    await expect(listenDualStack(server, 8443, '::')).resolves.toMatchObject({ address: '0.0.0.0' });
    expect(server.hosts).toEqual(['::', '0.0.0.0']);
  });

  it('does not fall back for a HOST that was set', async () => {
    const server = serverWithoutIpv6('EADDRNOTAVAIL');
    await expect(listenDualStack(server, 8443, 'fd00::9')).resolves.toMatchObject({ address: 'fd00::9' });
    await expect(listenDualStack(serverWithoutIpv6('EADDRINUSE'), 8443, '::')).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});
