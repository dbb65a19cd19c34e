/**
 * duet across a LAN made of network namespaces: a server host and two client
 * hosts on a bridge, each with its own private address. Needs root and `ip`;
 * without them the tests announce that they are skipped (REQUIRE_NETNS=1 makes
 * that a failure).
 */
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { cleanLeftovers, createLan, netnsSupport, type Lan } from '../support/netns.js';
import { bundleEntries, startInNamespace, type NsProcess } from '../support/nsproc.js';
import { PUBLIC_DIR, testTls } from '../support/server.js';
import { spkiHash } from '../support/webrtc-stats.js';
import { chromiumPath } from '../support/chromium.js';
import type { Got } from './client-host.js';
import type { Ready } from './server-host.js';

const support = netnsSupport();
const required = process.env.REQUIRE_NETNS === '1';
if (!support.ok) {
  console.warn(
    `\n*** SKIPPED: network-namespace LAN tests (${support.reason}). Run as root with iproute2, or set REQUIRE_NETNS=1 to make this a failure. ***\n`,
  );
}

if (!support.ok && required) {
  describe('the namespace LAN (REQUIRE_NETNS=1)', () => {
    it('can be built on this machine', () => {
      expect.fail(`REQUIRE_NETNS=1 but network namespaces are unavailable: ${support.ok ? '' : support.reason}`);
    });
  });
}

const browserPresent = existsSync(chromiumPath());
const browserRequired = process.env.REQUIRE_BROWSER === '1';
if (support.ok && !browserPresent) {
  console.warn(
    `\n*** SKIPPED: browser tests on the namespace LAN (${chromiumPath()} not found)${browserRequired ? '; REQUIRE_BROWSER=1 makes this a failure' : ''}. ***\n`,
  );
}

const SERVER = '10.77.0.10';
const MOVED = '10.77.0.11';
const HTTPS_PORT = 8443; // fixed ports are safe: the namespace has nothing else listening
const HTTP_PORT = 8080;

describe.runIf(support.ok)('duet on a LAN of network namespaces', () => {
  let lan: Lan | undefined;
  let files: Record<string, string>;
  let certsDir: string;
  let server: NsProcess | undefined;
  let ready: Ready;
  let ca: string;
  const clients: Record<'a' | 'b', NsProcess | undefined> = { a: undefined, b: undefined };
  const procs = () => [server, clients.a, clients.b].filter((p): p is NsProcess => p !== undefined);

  async function startDuet(): Promise<Ready> {
    server = startInNamespace(lan!.hosts.srv!.ns, files.server!, [certsDir, PUBLIC_DIR, lan!.hosts.srv!.address, String(HTTPS_PORT), String(HTTP_PORT)]);
    return (await server.ready) as Ready;
  }
  async function get(host: 'a' | 'b', url: string, options: { ca?: string } = {}): Promise<Got> {
    const reply = await clients[host]!.call<Got>('get', url, options);
    return { ...reply, body: Buffer.from(reply.body, 'base64').toString('utf8') };
  }

  beforeAll(async () => {
    const removed = cleanLeftovers();
    if (removed.length > 0) console.warn(`removed namespaces left by earlier runs: ${removed.join(', ')}`);
    files = await bundleEntries(`netns-${process.pid}`, {
      server: 'test/lan/server-host.ts',
      client: 'test/lan/client-host.ts',
      browser: 'test/lan/browser-host.ts',
    });
    certsDir = mkdtempSync(join(tmpdir(), 'duet-lan-certs-'));
    lan = createLan({ srv: SERVER, a: '10.77.0.21', b: '10.77.0.22' });
    ready = await startDuet();
    ca = readFileSync(join(certsDir, 'ca.pem'), 'utf8');
    for (const host of ['a', 'b'] as const) {
      clients[host] = startInNamespace(lan.hosts[host]!.ns, files.client!, []);
      await clients[host].ready;
    }
  });

  afterAll(async () => {
    await Promise.all(procs().map((p) => p.stop().catch(() => undefined)));
    lan?.destroy();
    if (certsDir) rmSync(certsDir, { recursive: true, force: true });
    rmSync(join('.tmp', `netns-${process.pid}`), { recursive: true, force: true });
  });

  it("makes a certificate for the server host's own LAN address at first start", () => {
    expect(ready.lanAddresses).toEqual([SERVER]);
    expect(ready.caCreated).toBe(true);
    const leaf = new X509Certificate(readFileSync(join(certsDir, 'cert.pem')));
    expect(leaf.checkIP(SERVER)).toBe(SERVER);
  });

  it("opens the server's LAN address over HTTPS from a client host, validated by ca.pem", async () => {
    const reply = await get('a', `https://${SERVER}:${HTTPS_PORT}/api/lan`, { ca });
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ urls: [`https://${SERVER}:${HTTPS_PORT}`], caFingerprint: ready.caFingerprint, loopbackHost: null });
  });

  it('refuses the server from a client host that trusts a different CA', async () => {
    await expect(get('b', `https://${SERVER}:${HTTPS_PORT}/api/lan`, { ca: testTls().ca })).rejects.toThrow(/self.signed|unable to verify|certificate/i);
  });

  it('downloads ca.pem over plain HTTP from a client host', async () => {
    const reply = await get('b', `http://${SERVER}:${HTTP_PORT}/ca.pem`);
    expect(reply.status).toBe(200);
    expect(reply.body).toBe(ca);
  });

  it('redirects other plain-HTTP paths to HTTPS on the LAN address, which then validates', async () => {
    const reply = await get('a', `http://${SERVER}:${HTTP_PORT}/setup?lang=zh`);
    expect(reply.status).toBe(307);
    expect(reply.headers.location).toBe(`https://${SERVER}:${HTTPS_PORT}/setup?lang=zh`);
    const page = await get('a', reply.headers.location!, { ca });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Certificate Trust Settings');
  });

  it('lets a socket.io client in each client host join one room and relay offer, answer and candidates', async () => {
    const url = `https://${SERVER}:${HTTPS_PORT}`;
    await clients.a!.call('connect', url, ca);
    const bId = await clients.b!.call<string>('connect', url, ca);
    expect(await server!.call('peers')).toEqual(['10.77.0.21', '10.77.0.22']);
    expect(await clients.a!.call('emit', 'join', 'living-room')).toMatchObject({ ok: true, room: 'living-room', peers: 0 });
    expect(await clients.b!.call('emit', 'join', 'living-room')).toMatchObject({ ok: true, room: 'living-room', peers: 1 });
    expect(await clients.a!.call('next', 'otherjoin')).toEqual(['living-room', bId]);

    const offer = { type: 'offer', sdp: 'v=0\r\no=- 1 2 IN IP4 10.77.0.21\r\n' };
    const answer = { type: 'answer', sdp: 'v=0\r\no=- 3 4 IN IP4 10.77.0.22\r\n' };
    const candidateA = { type: 'candidate', label: 0, id: '0', candidate: 'candidate:1 1 udp 2122260223 10.77.0.21 50000 typ host' };
    const candidateB = { type: 'candidate', label: 0, id: '0', candidate: 'candidate:2 1 udp 2122260223 10.77.0.22 50001 typ host' };
    await clients.a!.call('emit', 'message', 'living-room', offer);
    expect(await clients.b!.call('next', 'message')).toEqual(['living-room', offer]);
    await clients.b!.call('emit', 'message', 'living-room', answer);
    expect(await clients.a!.call('next', 'message')).toEqual(['living-room', answer]);
    await clients.a!.call('emit', 'message', 'living-room', candidateA);
    await clients.b!.call('emit', 'message', 'living-room', candidateB);
    expect(await clients.b!.call('next', 'message')).toEqual(['living-room', candidateA]);
    expect(await clients.a!.call('next', 'message')).toEqual(['living-room', candidateB]);
  });

  it.runIf(browserPresent || browserRequired)(
    "shows a browser on a client host the setup page with a QR code of the server's LAN link",
    async () => {
      const spki = spkiHash(readFileSync(join(certsDir, 'cert.pem'), 'utf8'));
      const browser = startInNamespace(lan!.hosts.a!.ns, files.browser!, [spki, 'zh-CN', inject('cameraFile')]);
      try {
        await browser.ready;
        expect(await browser.call('goto', `https://${SERVER}:${HTTPS_PORT}/setup`)).toBe(200);
        const qrText = await browser.call('until', "document.getElementById('qr').dataset.text");
        expect(qrText).toBe(`https://${SERVER}:${HTTPS_PORT}/setup`);
        // the fingerprint arrives by its own request, after the QR code may already be drawn
        expect(await browser.call('until', "((t) => t !== '…' && t)(document.getElementById('fingerprint').textContent)")).toBe(ready.caFingerprint);
        // the canvas holds a drawn code: both dark and light pixels
        const shades = await browser.call<number[]>(
          'evaluate',
          "(() => { const c = document.getElementById('qr'); const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; let dark = 0, light = 0; for (let i = 0; i < d.length; i += 4) (d[i] < 128 ? dark++ : light++); return [dark, light]; })()",
        );
        expect(shades[0]).toBeGreaterThan(1000);
        expect(shades[1]).toBeGreaterThan(1000);
        // a Chinese-language browser sees the Chinese steps first, and can switch
        expect(await browser.call('evaluate', 'document.documentElement.lang')).toBe('zh-Hans');
        await browser.call('click', '[data-set-lang="en"]');
        expect(await browser.call('evaluate', "getComputedStyle(document.querySelector('section.steps[lang=zh-Hans]')).display")).toBe('none');
        expect(await browser.call('problems')).toEqual([]);
      } finally {
        await browser.stop();
      }
    },
    60_000,
  );

  it('re-issues a certificate for the new address from the same CA when the server host moves', async () => {
    await server!.stop();
    lan!.readdress('srv', MOVED);
    const moved = await startDuet();
    expect(moved.lanAddresses).toEqual([MOVED]);
    expect(moved.caCreated).toBe(false);
    expect(moved.caFingerprint).toBe(ready.caFingerprint);
    expect(moved.uncovered).toEqual([MOVED]);
    expect(moved.notice.join('\n')).toContain("Re-issued the server certificate from the same CA because this machine's addresses changed");
    expect(readFileSync(join(certsDir, 'ca.pem'), 'utf8')).toBe(ca);
    const reply = await get('b', `https://${MOVED}:${HTTPS_PORT}/api/lan`, { ca });
    expect(JSON.parse(reply.body)).toMatchObject({ urls: [`https://${MOVED}:${HTTPS_PORT}`] });
  });
});
