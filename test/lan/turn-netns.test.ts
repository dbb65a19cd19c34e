/**
 * Calls between two networks that cannot reach each other (network namespaces:
 * two LANs with no route between them, and a server host on both running duet
 * and coturn). With TURN configured, Chromium on each side completes the call
 * over relay candidates; without it the same call fails and the page says that
 * the operator should set up TURN. The two run at the same time, each with a duet
 * of its own on the server host (the failure is mostly waiting). Needs root, `ip`, Chromium and coturn; the
 * suite announces when it is skipped (REQUIRE_NETNS=1 makes a missing namespace
 * support a failure, like the LAN tests).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { browserTestsEnabled } from '../support/browser.js';
import { coturnTestsEnabled, startCoturn, type Coturn } from '../support/coturn.js';
import { cleanLeftovers, netnsSupport } from '../support/netns.js';
import { createSplitLans, type SplitLans } from '../support/netns-split.js';
import { bundleEntries, startInNamespace, type NsProcess } from '../support/nsproc.js';
import { PUBLIC_DIR } from '../support/server.js';
import { callEstablished, spkiHash, untilInPage } from '../support/webrtc-stats.js';

const support = netnsSupport();
const enabled = support.ok && browserTestsEnabled() && coturnTestsEnabled();
if (!support.ok) console.warn(`\n*** SKIPPED: TURN across network namespaces (${support.reason}). ***\n`);

/** In the page: every peer connection's connection, ICE and gathering state. */
const PC_STATES = '(window.__duetPcs || []).map((pc) => [pc.connectionState, pc.iceConnectionState, pc.iceGatheringState])';
const TURN_PORT = 3478;
/** Each test's own duet on the server host (fixed ports are safe: the namespace has nothing else listening). */
const PORTS = { relay: { https: 8443, http: 8080 }, direct: { https: 8444, http: 8081 } } as const;

describe.runIf(enabled || process.env.REQUIRE_NETNS === '1')('calls between two networks with no route between them', () => {
  let lans: SplitLans | undefined;
  let files: Record<string, string>;
  let coturn: Coturn | undefined;
  const dirs: string[] = [];

  /**
   * One test's duet and its two callers. The two tests run at the same time (one waits about 15 s
   * for ICE to give up, which the other's call fills), so each has its own ports, certificates and
   * processes, and stops only its own.
   */
  function setup(ports: { https: number; http: number }) {
    const procs: NsProcess[] = [];
    const certsDir = mkdtempSync(join(tmpdir(), 'duet-turn-certs-'));
    dirs.push(certsDir);
    let spki = '';
    return {
      async startDuet(turnEnv?: Record<string, string>): Promise<void> {
        const args = [certsDir, PUBLIC_DIR, '0.0.0.0', String(ports.https), String(ports.http), ...(turnEnv ? [JSON.stringify(turnEnv)] : [])];
        const server = startInNamespace(lans!.hosts.srv.ns, files.server!, args);
        procs.push(server);
        await server.ready;
        spki = spkiHash(readFileSync(join(certsDir, 'cert.pem'), 'utf8'));
      },
      /** Chromium on each client host opens the same room at the server's address on its own LAN and joins. */
      async call(room: string): Promise<[NsProcess, NsProcess]> {
        const a = startInNamespace(lans!.hosts.a.ns, files.browser!, [spki, 'en-US', inject('cameraFile')]);
        const b = startInNamespace(lans!.hosts.b.ns, files.browser!, [spki, 'en-US', inject('cameraFile')]);
        procs.push(a, b);
        await Promise.all([a.ready, b.ready]);
        expect(await a.call('goto', `https://${lans!.srvA}:${ports.https}/r/${room}`)).toBe(200);
        expect(await b.call('goto', `https://${lans!.srvB}:${ports.https}/r/${room}`)).toBe(200);
        for (const page of [a, b]) {
          await untilInPage(page, "document.querySelector('#join:not([disabled])')", 30_000);
          await page.call('click', '#join');
        }
        return [a, b];
      },
      async stop(): Promise<void> {
        await Promise.all(procs.splice(0).map((p) => p.stop().catch(() => undefined)));
      },
    };
  }

  beforeAll(async () => {
    cleanLeftovers();
    files = await bundleEntries(`turn-netns-${process.pid}`, { server: 'test/lan/server-host.ts', browser: 'test/lan/browser-host.ts' });
    lans = createSplitLans();
    coturn = await startCoturn({ ns: lans.hosts.srv.ns, ip: lans.srvA, extraIps: [lans.srvB], port: TURN_PORT });
  });

  afterAll(async () => {
    await coturn?.stop();
    lans?.destroy();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    rmSync(join('.tmp', `turn-netns-${process.pid}`), { recursive: true, force: true });
  });

  it.concurrent(
    'connects the call through the TURN relay, a relay pair selected on both sides, and says so on the page',
    async () => {
      const { startDuet, call, stop } = setup(PORTS.relay);
      await startDuet({ TURN_URLS: `turn:${lans!.srvA}:${TURN_PORT},turn:${lans!.srvB}:${TURN_PORT}`, TURN_SECRET: coturn!.secret, TURN_TTL_S: '3600' });
      try {
        const [a, b] = await call('across-nats');
        const [seenByA, seenByB] = await Promise.all([callEstablished(a, 90_000), callEstablished(b, 90_000)]);
        // each side's selected pair goes through the relay: its own relay candidate, or the other side's
        // (coturn may give either allocation a relay address on the first LAN, which a's host reaches).
        // A side may know the other's relay candidate only as peer-reflexive, when the relayed checks
        // arrive before the candidate itself (Chromium then leaves its address out): the pair is relayed
        // when the other side's own end of it is its relay candidate.
        for (const [seen, other] of [
          [seenByA, seenByB],
          [seenByB, seenByA],
        ] as const) {
          const relayed = seen.localType === 'relay' || seen.remoteType === 'relay' || (seen.remoteType === 'prflx' && other.localType === 'relay');
          expect(relayed, `${JSON.stringify(seen)} (the other side: ${JSON.stringify(other)})`).toBe(true);
        }
        expect([seenByA.localType, seenByB.localType], 'someone relays').toContain('relay');
        for (const page of [a, b]) {
          expect(await untilInPage(page, "document.getElementById('call-path').dataset.path", 30_000)).toBe('relay');
          expect(await page.call('evaluate', "document.getElementById('call-path').textContent")).toBe(
            'Relayed through the TURN server · encrypted end to end',
          );
          expect(await page.call('evaluate', "document.getElementById('ice-problem').hidden")).toBe(true);
        }
      } catch (error) {
        throw new Error(`${(error as Error).message}\ncoturn log:\n${coturn!.log().slice(-3000)}`);
      } finally {
        await stop();
      }
    },
    180_000,
  );

  it.concurrent(
    'fails without TURN, and the page says the networks cannot reach each other and TURN is needed',
    async () => {
      const { startDuet, call, stop } = setup(PORTS.direct);
      await startDuet();
      try {
        const [a, b] = await call('no-relay');
        for (const page of [a, b]) {
          const problem = await untilInPage(
            page,
            "!document.getElementById('ice-problem').hidden && document.getElementById('ice-problem').dataset.problem",
            120_000,
          ).catch(async (error: Error) => Promise.reject(new Error(`${error.message}; page ${JSON.stringify(await page.call('evaluate', PC_STATES))}`)));
          expect(problem).toBe('needs-turn');
          expect(await page.call('evaluate', "document.getElementById('ice-problem').textContent")).toMatch(
            /^The two networks cannot reach each other directly.*set up TURN \(docs\/turn\.md\)/,
          );
          expect(await page.call('evaluate', "document.getElementById('status').dataset.state")).not.toBe('connected');
        }
      } finally {
        await stop();
      }
    },
    240_000,
  );
});
