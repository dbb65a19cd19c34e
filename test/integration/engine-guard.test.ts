/**
 * Red-team round 2, D2 (docs/security.md): the Socket.IO endpoint checks every polling request of a
 * session, not only the handshake, refuses JSONP, and marks its answers
 * nosniff and same-origin only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinRoom, startServer, type Running } from '../support/server.js';
import { openPollingSession, poll } from '../support/poll-request.js';

const FOREIGN = { origin: 'https://evil.example' };
const offer = { type: 'offer', sdp: 'v=0\r\n' };

describe('every request to the Socket.IO endpoint', () => {
  let server: Running;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('refuses a JSONP handshake', async () => {
    const reply = await poll(server, 'GET', '&j=0');
    expect(reply.status).toBe(400);
    expect(reply.body).not.toContain('___eio');
  });

  it('marks answers nosniff and same-origin, refusals included', async () => {
    for (const reply of [await poll(server, 'GET', ''), await poll(server, 'GET', '&j=0'), await poll(server, 'GET', '&sid=nope')]) {
      expect(reply.headers['x-content-type-options']).toBe('nosniff');
      expect(reply.headers['cross-origin-resource-policy']).toBe('same-origin');
    }
  });

  it('refuses a later request of a session from a foreign origin, JSONP, or a browser of another site without Origin', async () => {
    const sid = await openPollingSession(server);
    const join = await poll(server, 'POST', `&sid=${sid}`, '42["join","kitchen"]');
    expect(join.status).toBe(200);
    expect((await poll(server, 'GET', `&sid=${sid}`)).body).toContain('joined');
    const peer = await server.client();
    await joinRoom(peer, 'kitchen');
    await peer.timeout(3000).emitWithAck('message', 'kitchen', offer);
    // the relayed offer now waits in the session's buffer: none of these may take it
    const attempts = [
      await poll(server, 'GET', `&sid=${sid}`, '', FOREIGN),
      await poll(server, 'GET', `&sid=${sid}&j=0`),
      await poll(server, 'GET', `&sid=${sid}`, '', { 'sec-fetch-site': 'same-site' }),
      await poll(server, 'GET', `&sid=${sid}`, '', { 'sec-fetch-site': 'cross-site' }),
      await poll(server, 'POST', `&sid=${sid}`, '42["leave","kitchen"]', FOREIGN),
      await poll(server, 'POST', `&sid=${sid}&j=0`, 'd=42%5B%22leave%22%2C%22kitchen%22%5D', { 'content-type': 'application/x-www-form-urlencoded' }),
    ];
    for (const reply of attempts) {
      expect(reply.status).toBe(400);
      expect(reply.body).not.toContain('v=0');
    }
    expect(server.server.rooms!.others('kitchen', peer.id!)).toHaveLength(1);
    const own = await poll(server, 'GET', `&sid=${sid}`);
    expect(own.status).toBe(200);
    expect(own.body).toContain('"sdp":"v=0\\r\\n"');
  });

  it('still serves the own page (same-origin fetch metadata) and Node clients without Origin', async () => {
    const host = `127.0.0.1:${server.port}`;
    const own = await poll(server, 'GET', '', '', { origin: `https://${host}`, 'sec-fetch-site': 'same-origin' });
    expect(own.status).toBe(200);
    expect((await poll(server, 'GET', '')).status).toBe(200);
    const socket = await server.client({ transports: ['polling'] });
    expect(socket.connected).toBe(true);
  });
});
