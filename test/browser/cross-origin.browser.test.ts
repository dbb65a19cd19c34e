/**
 * Red-team round 2, D2 (docs/security.md) in a real browser: a page served from another origin tries the
 * JSONP script-tag trick and reads a polling session whose sid it knows. It must
 * neither join a room nor read a relayed offer. The own page still connects.
 */
import { createServer as createHttpsServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserTestsEnabled, newPerson } from '../support/browser.js';
import { browserSuite } from '../support/browser-suite.js';
import { openPollingSession, poll } from '../support/poll-request.js';
import { joinRoom, testTls, type Running } from '../support/server.js';

/** What the hostile page runs: every way to reach duet's Socket.IO endpoint without CORS. */
async function attack({ base, sid }: { base: string; sid: string }): Promise<{ jsonp: string[]; scripts: string[] }> {
  const jsonp: string[] = [];
  (window as unknown as { ___eio: Array<(data: string) => void> }).___eio = [0, 1, 2, 3].map(() => (data: string) => void jsonp.push(data));
  const load = (src: string) =>
    new Promise<string>((done) => {
      const script = document.createElement('script');
      script.src = src;
      script.onload = () => done('load');
      script.onerror = () => done('error');
      document.head.append(script);
    });
  const scripts: string[] = [];
  scripts.push(await load(`${base}/socket.io/?EIO=4&transport=polling&j=0`));
  scripts.push(await load(`${base}/socket.io/?EIO=4&transport=polling&sid=${sid}&j=1`));
  scripts.push(await load(`${base}/socket.io/?EIO=4&transport=polling&sid=${sid}`));
  // a session of its own through JSONP, then a join posted without CORS
  const handshake = jsonp.find((d) => d.includes('"sid"'));
  const own = handshake ? (JSON.parse(handshake.slice(1)) as { sid: string }).sid : 'none';
  const post = (query: string, d: string) =>
    fetch(`${base}/socket.io/?EIO=4&transport=polling&sid=${query}&j=2`, { method: 'POST', mode: 'no-cors', body: new URLSearchParams({ d }) }).catch(
      () => undefined,
    );
  await post(own, '40');
  await post(own, '42["join","attack"]');
  await post(sid, '42["join","attack"]');
  await fetch(`${base}/socket.io/?EIO=4&transport=polling&sid=${sid}`, { mode: 'no-cors' }).catch(() => undefined);
  await fetch(`${base}/socket.io/?EIO=4&transport=polling&sid=${sid}`).catch(() => undefined);
  return { jsonp, scripts };
}

describe.runIf(browserTestsEnabled())('a page from another origin', () => {
  let server: Running;
  let browser: Browser;
  let hostile: Server;
  let hostileUrl: string;
  const pages: Page[] = [];
  browserSuite((s, b) => ((server = s), (browser = b)), pages);

  beforeAll(async () => {
    const tls = testTls();
    hostile = createHttpsServer({ key: tls.key, cert: tls.cert }, (_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>elsewhere</title>'),
    );
    await new Promise<void>((ok) => hostile.listen(0, '127.0.0.1', ok));
    hostileUrl = `https://127.0.0.1:${(hostile.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    hostile?.closeAllConnections();
    await new Promise((ok) => hostile?.close(ok));
  });

  it('can neither join a room through JSONP nor read an offer relayed to a session it knows', async () => {
    const sid = await openPollingSession(server);
    await poll(server, 'POST', `&sid=${sid}`, '42["join","kitchen"]');
    expect((await poll(server, 'GET', `&sid=${sid}`)).body).toContain('joined');
    const peer = await server.client();
    await joinRoom(peer, 'kitchen');
    await peer.timeout(3000).emitWithAck('message', 'kitchen', { type: 'offer', sdp: 'v=0\r\nsecret' });

    const { page } = await newPerson(browser);
    pages.push(page);
    await page.goto(`${hostileUrl}/`);
    const result = await page.evaluate(attack, { base: server.url, sid });

    expect(result.jsonp).toEqual([]);
    expect(result.scripts).toEqual(['error', 'error', 'error']);
    expect(server.server.rooms!.roomsOf(sid)).toEqual([]);
    expect(server.server.rooms!.roomCount).toBe(1); // only kitchen, no "attack"
    const own = await poll(server, 'GET', `&sid=${sid}`);
    expect(own.body).toContain('secret'); // still waiting for its owner: nobody else took it
  }, 180_000);

  it('leaves the own page able to open a Socket.IO session', async () => {
    const { page } = await newPerson(browser);
    pages.push(page);
    await page.goto(`${server.url}/`);
    const status = await page.evaluate(async () => (await fetch('/socket.io/?EIO=4&transport=polling')).status);
    expect(status).toBe(200);
  }, 180_000);
});
