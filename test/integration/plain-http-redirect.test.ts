/**
 * Plain HTTP typed at the HTTPS port gets a redirect to the same URL over HTTPS,
 * while HTTPS, WebSocket and polling Socket.IO keep working on that port.
 */
import { connect as connectTcp } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchOnce } from '../support/http.js';
import { startServer, type Running } from '../support/server.js';

let running: Running;
beforeAll(async () => {
  running = await startServer();
});
afterAll(() => running.close());

describe('plain HTTP on the HTTPS port', () => {
  it('redirects http://localhost:PORT/r/x to https://localhost:PORT/r/x', async () => {
    const reply = await fetchOnce(`http://127.0.0.1:${running.port}/r/kitchen?lang=zh`, { host: `localhost:${running.port}` });
    expect(reply.status).toBe(308);
    expect(reply.headers.location).toBe(`https://localhost:${running.port}/r/kitchen?lang=zh`);
  });

  it('answers 400 instead of guessing when the Host header is bad', async () => {
    const reply = await fetchOnce(`http://127.0.0.1:${running.port}/`, { host: 'bad host!' });
    expect(reply.status).toBe(400);
  });

  it('still serves HTTPS and Socket.IO over WebSocket and polling', async () => {
    expect((await fetchOnce(`${running.url}/api/lan`, { ca: running.ca })).status).toBe(200);
    const ws = await running.client({ transports: ['websocket'] });
    const polling = await running.client({ transports: ['polling'] });
    expect(ws.connected && polling.connected).toBe(true);
  });

  it('drops a connection that closes without a byte and keeps serving', async () => {
    const socket = connectTcp(running.port, '127.0.0.1');
    await new Promise<void>((ok, fail) => socket.once('connect', ok).once('error', fail));
    socket.end();
    await new Promise<void>((ok) => socket.once('close', () => ok()));
    expect((await fetchOnce(`${running.url}/api/lan`, { ca: running.ca })).status).toBe(200);
  });
});
