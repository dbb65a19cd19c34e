import { describe, expect, it } from 'vitest';
import { io as connect } from 'socket.io-client';
import { checkOrigin, ownOrigin } from '../../src/server/admission/origin.js';
import { joinRoom, newServer } from '../support/server.js';

const OPEN = { allowedOrigins: [], requireOrigin: false };

describe('origin rule', () => {
  it("accepts the page's own https origin, whatever the case and default port", () => {
    expect(checkOrigin('https://localhost:8443', 'localhost:8443', OPEN)).toBe('ok');
    expect(checkOrigin('https://duet.example', 'Duet.Example:443', OPEN)).toBe('ok');
    expect(checkOrigin('https://[::1]:8443', '[::1]:8443', OPEN)).toBe('ok');
  });

  it('refuses other origins, http, null and garbage', () => {
    expect(checkOrigin('https://evil.example', 'localhost:8443', OPEN)).toBe('foreign-origin');
    expect(checkOrigin('http://localhost:8443', 'localhost:8443', OPEN)).toBe('foreign-origin');
    expect(checkOrigin('https://localhost:9999', 'localhost:8443', OPEN)).toBe('foreign-origin');
    expect(checkOrigin('null', 'localhost:8443', OPEN)).toBe('foreign-origin');
    expect(checkOrigin('https://localhost:8443', 'evil/host', OPEN)).toBe('foreign-origin');
  });

  it('accepts listed origins and refuses a missing Origin only when required', () => {
    const listed = { allowedOrigins: ['https://app.example'], requireOrigin: false };
    expect(checkOrigin('https://app.example', 'localhost:8443', listed)).toBe('ok');
    expect(checkOrigin(undefined, 'localhost:8443', OPEN)).toBe('ok');
    expect(checkOrigin(undefined, 'localhost:8443', { ...OPEN, requireOrigin: true })).toBe('no-origin');
  });

  it('derives no origin from a malformed Host header', () => {
    expect(ownOrigin('a b')).toBeUndefined();
    expect(ownOrigin(undefined)).toBeUndefined();
    expect(ownOrigin('x.example:8443')).toBe('https://x.example:8443');
  });
});

describe('origin check on the Socket.IO handshake', () => {
  function tryConnect(url: string, ca: string, transport: 'websocket' | 'polling', origin: string | undefined) {
    const socket = connect(url, {
      ca,
      transports: [transport],
      reconnection: false,
      forceNew: true,
      timeout: 4000,
      extraHeaders: origin ? { Origin: origin } : {},
    } as Parameters<typeof connect>[1]);
    return new Promise<string>((resolve) => {
      const timer = setTimeout(() => resolve('timeout'), 5000);
      socket.once('connect', () => (clearTimeout(timer), socket.disconnect(), resolve('connected')));
      socket.once('connect_error', (error) => (clearTimeout(timer), socket.disconnect(), resolve(`refused: ${error.message}`)));
    });
  }

  it.each(['websocket', 'polling'] as const)('refuses a foreign Origin over %s', async (transport) => {
    const running = await newServer();
    expect(await tryConnect(running.url, running.ca, transport, 'https://evil.example')).toMatch(/^refused/);
  });

  it.each(['websocket', 'polling'] as const)("accepts the page's own origin over %s", async (transport) => {
    const running = await newServer();
    const own = `https://127.0.0.1:${running.port}`;
    expect(await tryConnect(running.url, running.ca, transport, own)).toBe('connected');
  });

  it('accepts a client without Origin unless REQUIRE_ORIGIN is on', async () => {
    const open = await newServer();
    expect(await tryConnect(open.url, open.ca, 'websocket', undefined)).toBe('connected');
    await open.close();
    const strict = await newServer({}, { origins: { allowedOrigins: [], requireOrigin: true } });
    expect(await tryConnect(strict.url, strict.ca, 'websocket', undefined)).toMatch(/^refused/);
  });

  it('accepts an origin listed in ALLOWED_ORIGINS', async () => {
    const running = await newServer({}, { origins: { allowedOrigins: ['https://app.example'], requireOrigin: false } });
    expect(await tryConnect(running.url, running.ca, 'polling', 'https://app.example')).toBe('connected');
    const socket = await running.client();
    expect(await joinRoom(socket, 'origin-room')).toMatchObject({ ok: true });
  });
});
