/* eslint-disable @typescript-eslint/no-explicit-any -- the harness page's helpers (window.connectPair, until, hex) are untyped */
/**
 * The file-transfer and verification-code modules in real Chromium, before
 * they are wired into the call page: two peer connections in one page, joined
 * directly, with the modules bundled by esbuild as the page build would.
 */
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled, newPerson } from '../support/browser.js';
import { browserSuite } from '../support/browser-suite.js';
import type { Running } from '../support/server.js';

const ENTRY = `
  export { createFileTransfers } from './src/public/js/files/transfers.js';
  export { fingerprintsFromStats } from './src/public/js/verify/fingerprints.js';
  export { verificationCode } from './src/public/js/verify/code.js';
`;

/** In the page: two connected peer connections with a negotiated "files" channel each, and the modules on `window.m`. */
const SETUP = `
  window.connectPair = async () => {
    const pc1 = new RTCPeerConnection();
    const pc2 = new RTCPeerConnection();
    pc1.onicecandidate = (e) => e.candidate && pc2.addIceCandidate(e.candidate);
    pc2.onicecandidate = (e) => e.candidate && pc1.addIceCandidate(e.candidate);
    const dc1 = pc1.createDataChannel('files', { negotiated: true, id: 7 });
    const dc2 = pc2.createDataChannel('files', { negotiated: true, id: 7 });
    for (const dc of [dc1, dc2]) dc.binaryType = 'arraybuffer';
    await pc1.setLocalDescription();
    await pc2.setRemoteDescription(pc1.localDescription);
    await pc2.setLocalDescription();
    await pc1.setRemoteDescription(pc2.localDescription);
    await Promise.all([dc1, dc2].map((dc) => dc.readyState === 'open' || new Promise((r) => (dc.onopen = r))));
    const a = window.m.createFileTransfers(dc1);
    const b = window.m.createFileTransfers(dc2);
    dc1.onmessage = (e) => a.receive(e.data);
    dc2.onmessage = (e) => b.receive(e.data);
    dc1.onclose = () => a.lost();
    dc2.onclose = () => b.lost();
    return { pc1, pc2, dc1, dc2, a, b };
  };
  window.randomBlob = (bytes) => {
    const parts = [];
    for (let left = bytes; left > 0; left -= 65536) parts.push(crypto.getRandomValues(new Uint8Array(Math.min(65536, left))));
    return new Blob(parts);
  };
  window.hex = async (blob) => Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer())), (b) => b.toString(16).padStart(2, '0')).join('');
  window.ended = (t) => ['complete', 'mismatch', 'declined', 'cancelled', 'failed', 'connection-lost'].includes(t.state);
  window.until = async (condition, ms) => {
    const deadline = performance.now() + ms;
    while (!condition()) {
      if (performance.now() > deadline) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 10));
    }
  };
`;

describe.runIf(browserTestsEnabled())('file transfers and the verification code in Chromium', () => {
  let server: Running;
  let browser: Browser;
  let bundle: string;
  const pages: Page[] = [];

  browserSuite((s, b) => ((server = s), (browser = b)), pages);
  beforeAll(async () => {
    const out = await build({
      stdin: { contents: ENTRY, resolveDir: process.cwd(), loader: 'ts' },
      bundle: true,
      format: 'iife',
      globalName: 'm',
      write: false,
      target: ['chrome100'],
    });
    bundle = `window.m = (() => { ${out.outputFiles[0]!.text}; return m; })();`;
  });

  async function modulesPage(): Promise<Page> {
    const { page } = await newPerson(browser);
    pages.push(page);
    await page.goto(`${server.url}/`); // a secure context, for crypto.subtle
    await page.evaluate(bundle);
    await page.evaluate(SETUP);
    return page;
  }

  it('moves a 20 MB file intact over a real data channel, the sender staying under its high-water mark', async () => {
    const page = await modulesPage();
    const result = await page.evaluate(async () => {
      const w = window as any;
      const { dc1, a, b } = await w.connectPair();
      const blob = w.randomBlob(20 * 1024 * 1024);
      let maxBuffered = 0;
      const watch = setInterval(() => (maxBuffered = Math.max(maxBuffered, dc1.bufferedAmount)), 2);
      let incoming: any;
      b.onincoming = (t: unknown) => ((incoming = t), incoming.accept());
      const started = performance.now();
      const out = a.send(blob, 'random.bin');
      await w.until(() => incoming && w.ended(out) && w.ended(incoming), 60_000);
      const seconds = (performance.now() - started) / 1000;
      clearInterval(watch);
      return { states: [out.state, incoming.state], sent: await w.hex(blob), got: await w.hex(incoming.blob), maxBuffered, mbPerSecond: 20 / seconds };
    });
    expect(result.states).toEqual(['complete', 'complete']);
    expect(result.got).toBe(result.sent);
    expect(result.maxBuffered).toBeLessThanOrEqual(4 * 1024 * 1024 + 64 * 1024 + 17);
    console.log(`20 MB over a loopback data channel: ${result.mbPerSecond.toFixed(1)} MB/s`);
  }, 120_000);

  it('says "connection lost" on both sides when the channel closes mid-transfer', async () => {
    const page = await modulesPage();
    const states = await page.evaluate(async () => {
      const w = window as any;
      const { dc1, a, b } = await w.connectPair();
      let incoming: any;
      b.onincoming = (t: unknown) => ((incoming = t), incoming.accept());
      const out = a.send(w.randomBlob(50 * 1024 * 1024), 'big.bin');
      await w.until(() => incoming && incoming.progress.bytes > 1024 * 1024, 30_000);
      dc1.close();
      await w.until(() => w.ended(out) && w.ended(incoming), 30_000);
      return [out.state, incoming.state, incoming.blob === undefined];
    });
    expect(states).toEqual(['connection-lost', 'connection-lost', true]);
  }, 120_000);

  it('shows the same code on both sides, read from the certificates in getStats(), and another code on a new connection', async () => {
    const page = await modulesPage();
    const result = await page.evaluate(async () => {
      const w = window as any;
      const codeOf = async (pc: RTCPeerConnection) => {
        const pair = w.m.fingerprintsFromStats(await pc.getStats());
        return { code: pair.ok ? await w.m.verificationCode(pair.local, pair.remote) : pair.reason, local: pair.local?.value };
      };
      const sdpPrint = (pc: RTCPeerConnection) => /a=fingerprint:\S+ (\S+)/.exec(pc.localDescription!.sdp)![1];
      const first = await w.connectPair();
      const second = await w.connectPair();
      return {
        codes: [await codeOf(first.pc1), await codeOf(first.pc2), await codeOf(second.pc1)],
        sdp: [sdpPrint(first.pc1), sdpPrint(first.pc2)],
      };
    });
    const [one, two, other] = result.codes;
    expect(one!.code).toMatch(/^\d{3} \d{3} \d{3}$/);
    expect(two!.code).toBe(one!.code);
    expect(other!.code).not.toBe(one!.code);
    expect([one!.local, two!.local]).toEqual(result.sdp); // the stats name the certificates the SDP announced
  }, 120_000);
});
