/**
 * ACCESS_CODE: every Socket.IO handshake must carry `auth: {code}` equal to it,
 * over websocket and polling alike; a missing or wrong code is refused with a connect_error
 * `access-denied`, and an address that keeps guessing gets `rate-limited`. Socket.IO 2
 * clients, which cannot send `auth`, pass `code` in the handshake query.
 */
import { createRequire } from 'node:module';
import { beforeEach, describe, expect, it } from 'vitest';
import { ACCESS_FAILURE_BURST } from '../../src/server/admission/access-gate.js';
import { PEOPLE_DEFAULTS } from '../../src/server/config/people-config.js';
import { signIn } from '../support/people.js';
import { joinRoom, newServer, type Running } from '../support/server.js';

const CODE = 'open sesame 芝麻';

let duet: Running;
beforeEach(async () => {
  duet = await newServer({}, { people: { ...PEOPLE_DEFAULTS, accessCode: CODE } });
});

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => 'connected',
    (error: Error) => error.message,
  );

describe.each([['websocket'], ['polling']])('ACCESS_CODE over %s', (transport) => {
  const transports = [transport];

  it('refuses a handshake without a code with access-denied', async () => {
    expect(await refusal(duet.client({ transports }))).toBe('access-denied');
  });

  it('refuses a wrong code with access-denied', async () => {
    for (const code of ['open sesame', CODE.toUpperCase(), `${CODE} `, '']) {
      expect(await refusal(duet.client({ transports, auth: { code } })), code).toBe('access-denied');
    }
    expect(await refusal(duet.client({ transports, auth: { code: 42 } }))).toBe('access-denied');
  });

  it('lets the right code in, for rooms and calls by name alike', async () => {
    const socket = await duet.client({ transports, auth: { code: CODE } });
    await signIn(socket, 'Ann');
    expect(await joinRoom(socket, 'kitchen')).toMatchObject({ ok: true });
  });
});

describe('guessing the access code', () => {
  it('is refused with rate-limited after a few wrong codes from one address, even with the right one', async () => {
    const localAddress = '127.0.0.9';
    for (let i = 0; i < ACCESS_FAILURE_BURST; i++) {
      expect(await refusal(duet.client({ localAddress, auth: { code: `guess ${i}` } }))).toBe('access-denied');
    }
    expect(await refusal(duet.client({ localAddress, auth: { code: CODE } }))).toBe('rate-limited');
    expect(await refusal(duet.client({ localAddress: '127.0.0.10', auth: { code: CODE } }))).toBe('connected');
  });
});

interface LegacySocket {
  on(event: string, listener: (...args: unknown[]) => void): void;
  close(): void;
}
const legacyIo = createRequire(import.meta.url)('socket.io-client-v2') as (url: string, options: object) => LegacySocket;

describe.each([['websocket'], ['polling']])('a Socket.IO 2.x client over %s with ACCESS_CODE set', (transport) => {
  function outcome(query?: object): Promise<string> {
    const socket = legacyIo(duet.url, { ca: duet.ca, transports: [transport], forceNew: true, reconnection: false, ...(query && { query }) });
    return new Promise<string>((ok) => {
      const timer = setTimeout(() => ok('no answer within 5 s'), 5000);
      socket.on('connect', () => (clearTimeout(timer), ok('connected')));
      socket.on('error', (error) => (clearTimeout(timer), ok(String(error))));
    }).finally(() => socket.close());
  }

  it('connects with the code in the handshake query and is refused without it', async () => {
    expect(await outcome({ code: CODE })).toBe('connected');
    expect(await outcome()).toBe('access-denied');
    expect(await outcome({ code: 'wrong' })).toBe('access-denied');
  });
});
