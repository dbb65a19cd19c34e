/**
 * A call from networks where only TCP 443 gets out (an office firewall), in network namespaces: duet
 * on the server host's 443, coturn on its own host listening for TLS on 443 with a certificate made
 * for the test, and both client hosts behind nft rules that let nothing but TCP 443 in or out. With
 * TURN_URLS=turns:<coturn>:443?transport=tcp the call connects through the relay over TLS on both sides
 * (docs/turn.md). Needs root, `ip`, `nft`, `openssl`, coturn and Chromium; the suite announces when skipped.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { browserTestsEnabled } from '../support/browser.js';
import { coturnTestsEnabled, startCoturn, type Coturn } from '../support/coturn.js';
import { cleanLeftovers, createLan, netnsSupport, type Lan } from '../support/netns.js';
import { bundleEntries, startInNamespace, type NsProcess } from '../support/nsproc.js';
import { PUBLIC_DIR } from '../support/server.js';
import { spkiHash, untilInPage } from '../support/webrtc-stats.js';

const support = netnsSupport();
const enabled = support.ok && browserTestsEnabled() && coturnTestsEnabled();
if (!support.ok) console.warn(`\n*** SKIPPED: the TCP-443-only call in network namespaces (${support.reason}). ***\n`);

const SERVER = '10.80.0.10';
const TURN = '10.80.0.11';

/** nft rules for a client host: only TCP to or from port 443 passes, in and out (loopback aside). */
const ONLY_443 = `table inet only443 {
  chain input { type filter hook input priority 0; policy drop; iif lo accept; tcp sport 443 accept; tcp dport 443 accept; }
  chain output { type filter hook output priority 0; policy drop; oif lo accept; tcp dport 443 accept; tcp sport 443 accept; }
}`;

/** In the page: the selected pair's local candidate (type, relay protocol) and the connection's state. */
const SELECTED = `(async () => {
  const pc = (window.__duetPcs || []).at(-1);
  if (!pc || pc.connectionState !== 'connected') return null;
  const stats = await pc.getStats();
  const byId = new Map();
  stats.forEach((s) => byId.set(s.id, s));
  let pair;
  stats.forEach((s) => { if (s.type === 'transport' && s.selectedCandidatePairId) pair = byId.get(s.selectedCandidatePairId); });
  const local = pair && byId.get(pair.localCandidateId);
  const remote = pair && byId.get(pair.remoteCandidateId);
  return local ? { localType: local.candidateType, relayProtocol: local.relayProtocol, url: local.url, remoteType: remote && remote.candidateType } : null;
})()`;

/** A self-signed certificate for `address`, as coturn reads it. */
function certificateFor(dir: string, address: string): { cert: string; key: string } {
  const cert = join(dir, 'turn-cert.pem');
  const key = join(dir, 'turn-key.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-days',
      '1',
      '-subj',
      `/CN=${address}`,
      '-addext',
      `subjectAltName=IP:${address}`,
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'pipe', timeout: 20_000 },
  );
  return { cert, key };
}

describe.runIf(enabled || process.env.REQUIRE_NETNS === '1')('a call where only TCP 443 gets out', () => {
  let lan: Lan | undefined;
  let dir: string;
  let coturn: Coturn | undefined;
  const procs: NsProcess[] = [];

  beforeAll(async () => {
    cleanLeftovers();
    const files = await bundleEntries(`tcp443-${process.pid}`, { server: 'test/lan/server-host.ts', browser: 'test/lan/browser-host.ts' });
    dir = mkdtempSync(join(tmpdir(), 'duet-443-'));
    lan = createLan({ srv: SERVER, turn: TURN, a: '10.80.0.21', b: '10.80.0.22' });
    const tls = certificateFor(dir, TURN);
    const secret = 'a'.repeat(8) + Math.random().toString(36).slice(2);
    coturn = await startCoturn({
      ns: lan.hosts.turn!.ns,
      config: {
        secret,
        text: [
          `listening-ip=${TURN}`,
          `relay-ip=${TURN}`,
          'listening-port=3478',
          'tls-listening-port=443',
          'min-port=49160',
          'max-port=49200',
          'fingerprint',
          'use-auth-secret',
          `static-auth-secret=${secret}`,
          'realm=duet.test',
          `cert=${tls.cert}`,
          `pkey=${tls.key}`,
          'no-dtls',
          'no-cli',
          'simple-log',
          'log-file=turn.log',
        ].join('\n'),
      },
    });
    const turnEnv = { TURN_URLS: `turns:${TURN}:443?transport=tcp`, TURN_SECRET: secret, TURN_TTL_S: '3600' };
    const server = startInNamespace(lan.hosts.srv!.ns, files.server!, [join(dir, 'certs'), PUBLIC_DIR, SERVER, '443', '80', JSON.stringify(turnEnv)]);
    procs.push(server);
    await server.ready;
    for (const host of ['a', 'b'])
      execFileSync('ip', ['netns', 'exec', lan.hosts[host]!.ns, 'nft', '-f', '-'], { input: ONLY_443, stdio: ['pipe', 'pipe', 'pipe'] });
    // Chromium trusts duet's certificate and coturn's, each by its public key
    const spki = [readFileSync(join(dir, 'certs', 'cert.pem'), 'utf8'), readFileSync(tls.cert, 'utf8')].map(spkiHash).join(',');
    for (const host of ['a', 'b']) procs.push(startInNamespace(lan.hosts[host]!.ns, files.browser!, [spki, 'en-US', inject('cameraFile')]));
    await Promise.all(procs.map((p) => p.ready));
  }, 180_000);

  afterAll(async () => {
    await Promise.all(procs.splice(0).map((p) => p.stop().catch(() => undefined)));
    await coturn?.stop();
    lan?.destroy();
    if (dir) rmSync(dir, { recursive: true, force: true });
    rmSync(join('.tmp', `tcp443-${process.pid}`), { recursive: true, force: true });
  });

  it('connects through the relay over TLS on both sides', async () => {
    const pages = procs.slice(1);
    try {
      for (const page of pages) {
        expect(await page.call('goto', `https://${SERVER}/r/office-${process.pid}`)).toBe(200);
        await untilInPage(page, "document.querySelector('#join:not([disabled])')", 30_000);
        await page.call('click', '#join');
      }
      const selected = await Promise.all(pages.map((page) => untilInPage<Record<string, string>>(page, SELECTED, 90_000)));
      for (const pair of selected) expect(pair, JSON.stringify(pair)).toMatchObject({ localType: 'relay', relayProtocol: 'tls' });
      for (const page of pages) expect(await untilInPage(page, "document.getElementById('call-path').dataset.path", 30_000)).toBe('relay');
    } catch (error) {
      throw new Error(`${(error as Error).message}\ncoturn log:\n${coturn!.log().slice(-3000)}`);
    }
  }, 150_000);
});
