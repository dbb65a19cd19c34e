/**
 * A call between Chromium on two LAN client hosts survives one of them being
 * cut off the LAN (its switch port stops forwarding): after 6 s the call comes
 * back on the same peer connection, and after a cut long enough for both pages
 * to restart ICE (about 9 s) it comes back through that ICE restart, still on
 * the same connection. Needs root and `ip` (skip rules as in lan-netns.test.ts:
 * REQUIRE_NETNS=1 makes missing namespace support a failure, REQUIRE_BROWSER=1
 * a missing Chromium). Namespaces are removed in afterAll even after a failure.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { cleanLeftovers, createLan, netnsSupport, type Lan } from '../support/netns.js';
import { bundleEntries, startInNamespace, type NsProcess } from '../support/nsproc.js';
import { PUBLIC_DIR } from '../support/server.js';
import { callEstablished, framesDecoded, iceState, remoteIs, spkiHash, type IceState } from '../support/webrtc-stats.js';
import { chromiumPath } from '../support/chromium.js';
import { UI_WAIT_MS } from '../support/waits.js';

const support = netnsSupport();
const browserPresent = existsSync(chromiumPath());
const required = { netns: process.env.REQUIRE_NETNS === '1', browser: process.env.REQUIRE_BROWSER === '1' };
if (!support.ok) console.warn(`\n*** SKIPPED: ICE restart on the namespace LAN (${support.reason}); REQUIRE_NETNS=1 makes this a failure. ***\n`);
else if (!browserPresent)
  console.warn(`\n*** SKIPPED: ICE restart on the namespace LAN (${chromiumPath()} not found); REQUIRE_BROWSER=1 makes this a failure. ***\n`);

if (!support.ok && required.netns) {
  describe('ICE restart on the namespace LAN (REQUIRE_NETNS=1)', () => {
    it('can be built on this machine', () => {
      expect.fail(`REQUIRE_NETNS=1 but network namespaces are unavailable: ${support.ok ? '' : support.reason}`);
    });
  });
}

const SERVER = '10.77.1.10';
const HTTPS_PORT = 8443;
/** Chromium itself notices a dead link after about 5.5 s; a 6 s cut ends just as it does. */
const SHORT_OUTAGE_MS = 6000;
/** Longest cut we wait through for the page to restart ICE (notice ~5.5 s + the page's 3 s grace on a quiet machine; a guard, not a target). */
const RESTART_WITHIN_MS = UI_WAIT_MS;

type Side = 'a' | 'b';

/** Polls `probe` until `done` holds for its value; fails after `ms` with the last value. */
async function until<T>(what: string, probe: () => Promise<T>, done: (value: T) => boolean, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await probe();
    if (done(last)) return last;
    await new Promise((ok) => setTimeout(ok, 250));
  }
  throw new Error(`${what} not seen within ${ms} ms; last ${JSON.stringify(last)}`);
}

describe.runIf(support.ok && (browserPresent || required.browser))('a LAN call through a network outage', () => {
  let lan: Lan | undefined;
  let certsDir: string;
  const procs: NsProcess[] = [];
  let a: NsProcess;
  let b: NsProcess;

  beforeAll(async () => {
    cleanLeftovers();
    const files = await bundleEntries(`netns-ice-${process.pid}`, { server: 'test/lan/server-host.ts', browser: 'test/lan/browser-host.ts' });
    certsDir = mkdtempSync(join(tmpdir(), 'duet-ice-certs-'));
    lan = createLan({ srv: SERVER, a: '10.77.1.21', b: '10.77.1.22' });
    const server = startInNamespace(lan.hosts.srv!.ns, files.server!, [certsDir, PUBLIC_DIR, SERVER, String(HTTPS_PORT), '0']);
    procs.push(server);
    await server.ready;
    const spki = spkiHash(readFileSync(join(certsDir, 'cert.pem'), 'utf8'));
    a = startInNamespace(lan.hosts.a!.ns, files.browser!, [spki, 'en-US', inject('cameraFile')]);
    b = startInNamespace(lan.hosts.b!.ns, files.browser!, [spki, 'en-US', inject('cameraFile')]);
    procs.push(a, b);
    await Promise.all([a.ready, b.ready]);
  });

  afterAll(async () => {
    await Promise.all(procs.map((p) => p.stop().catch(() => undefined)));
    lan?.destroy();
    if (certsDir) rmSync(certsDir, { recursive: true, force: true });
    rmSync(join('.tmp', `netns-ice-${process.pid}`), { recursive: true, force: true });
  });

  /**
   * The connections each page had made once the call was up: usually one. Once, at the start of a
   * full run (the busiest minute), one page had made two and the call was up on the second. The
   * cause was not captured; a second `otherjoin` during set-up (the other page's signaling
   * reconnecting) makes the waiting page start afresh by design, which would do it. What the outage
   * tests prove is that recovering makes no new connection, so they compare with this.
   */
  const made = { a: 0, b: 0 } as Record<Side, number>;

  const sides = (): Array<[Side, NsProcess]> => [
    ['a', a],
    ['b', b],
  ];

  /** Both pages connected again, on the connection they had, with video decoded and rising. */
  async function expectRecovered(): Promise<Record<Side, IceState>> {
    const after = {} as Record<Side, IceState>;
    for (const [side, browser] of sides()) {
      after[side] = await until(
        `${side} connected again`,
        () => iceState(browser),
        (s) => s.state === 'connected' && s.status === 'connected',
        UI_WAIT_MS,
      );
      expect(after[side].peerConnections).toBe(made[side]); // the same RTCPeerConnection: no new call was set up
    }
    for (const [side, browser] of sides()) {
      const from = await framesDecoded(browser);
      await until(
        `${side} decoding again`,
        () => framesDecoded(browser),
        (n) => n > from + 20,
        UI_WAIT_MS,
      );
    }
    for (const [, browser] of sides()) expect(await browser.call('problems')).toEqual([]);
    return after;
  }

  /** Cuts host a off the LAN until `restore` resolves, then plugs it back (even if waiting failed). */
  async function outage(restore: () => Promise<unknown>): Promise<void> {
    lan!.setLink('a', false);
    try {
      await until(
        'b noticing the drop',
        () => iceState(b),
        (s) => s.state !== 'connected' && s.status === 'reconnecting',
        UI_WAIT_MS,
      );
      await restore();
    } finally {
      lan!.setLink('a', true);
    }
  }

  it('starts a call between Chromium on the two client hosts, over their LAN addresses', async () => {
    const room = `https://${SERVER}:${HTTPS_PORT}/r/outage`;
    expect(await a.call('goto', room)).toBe(200);
    expect(await b.call('goto', room)).toBe(200);
    await a.call('click', '#join');
    await b.call('click', '#join');
    const [seenByA, seenByB] = await Promise.all([callEstablished(a), callEstablished(b)]);
    // each side sends from its own LAN address, and its pair leads to the other's
    expect(seenByA).toMatchObject({ local: '10.77.1.21', localType: 'host' });
    expect(seenByB).toMatchObject({ local: '10.77.1.22', localType: 'host' });
    expect(remoteIs(seenByA, '10.77.1.22'), JSON.stringify(seenByA)).toBe(true);
    expect(remoteIs(seenByB, '10.77.1.21'), JSON.stringify(seenByB)).toBe(true);
    for (const [side, browser] of sides()) {
      const state = await iceState(browser);
      expect(state).toMatchObject({ state: 'connected', status: 'connected' });
      made[side] = state.peerConnections;
      expect(made[side]).toBeGreaterThan(0);
      expect(await browser.call('problems')).toEqual([]);
    }
  });

  it(
    'the call comes back after one side loses the network for six seconds',
    async () => {
      const cutAt = Date.now();
      await outage(() => new Promise((ok) => setTimeout(ok, Math.max(0, cutAt + SHORT_OUTAGE_MS - Date.now()))));
      await expectRecovered();
    },
    4 * UI_WAIT_MS,
  );

  it(
    'restarts ICE on the same connection when the outage lasts longer, and the call recovers',
    async () => {
      const before = { a: await iceState(a), b: await iceState(b) };
      // keep the link cut until both pages have given up waiting and restarted ICE (new local credentials)
      await outage(() =>
        Promise.all(
          sides().map(([side, browser]) =>
            until(
              `${side} restarting ICE`,
              () => iceState(browser),
              (s) => s.ufrag !== before[side].ufrag,
              RESTART_WITHIN_MS,
            ),
          ),
        ),
      );
      const after = await expectRecovered();
      for (const side of ['a', 'b'] as const) expect(after[side].ufrag).not.toBe(before[side].ufrag);
    },
    4 * UI_WAIT_MS,
  );
});
