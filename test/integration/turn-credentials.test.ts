/**
 * TURN credentials go only to a connection that passed the access code, over the socket, and
 * each client address gets only so many an hour; `GET /api/config` carries none.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/server/config/config.js';
import { PEOPLE_DEFAULTS } from '../../src/server/config/people-config.js';
import { turnPassword } from '../../src/server/turn/credentials.js';
import { fetchOnce } from '../support/http.js';
import { newServer, type Running } from '../support/server.js';

const SECRET = 'a-turn-secret-of-32-characters!!';
const CODE = 'open sesame 芝麻';
const PER_HOUR = 5;
const turn = loadConfig({ TURN_URLS: 'turn:turn.example.org:3478', TURN_SECRET: SECRET, TURN_CREDENTIALS_PER_HOUR: String(PER_HOUR) }).turn;

let duet: Running;
beforeEach(async () => {
  duet = await newServer({}, { turn, people: { ...PEOPLE_DEFAULTS, accessCode: CODE } });
});

describe('TURN credentials with ACCESS_CODE set', () => {
  it('are not in GET /api/config, which only says they can be asked for', async () => {
    const body = (await fetchOnce(`${duet.url}/api/config`, { ca: duet.ca })).body.toString('utf8');
    expect(JSON.parse(body)).toEqual({ iceServers: [], turn: true });
    expect(body).not.toMatch(/username|credential|turn:/);
  });

  it('are not handed to a client without the code: it never gets a connection to ask on', async () => {
    await expect(duet.client({ localAddress: '127.0.6.1' })).rejects.toThrow('access-denied');
    await expect(duet.client({ localAddress: '127.0.6.1', auth: { code: 'guess' } })).rejects.toThrow('access-denied');
  });

  it('are handed to a client with the code, fresh and valid for the relay', async () => {
    const socket = await duet.client({ auth: { code: CODE } });
    const reply = await socket.timeout(3000).emitWithAck('turn-credentials');
    expect(reply).toMatchObject({ ok: true, ttlS: turn.ttlS, iceServer: { urls: ['turn:turn.example.org:3478'] } });
    if (!reply.ok) return;
    expect(reply.iceServer.username).toBe(`${reply.expiresAt}:${reply.iceServer.username!.split(':')[1]}`);
    expect(reply.iceServer.credential).toBe(turnPassword(SECRET, reply.iceServer.username!));
  });

  it('are limited per address, however many connections ask, while another address still gets its own', async () => {
    const replies = [];
    for (let i = 0; i < PER_HOUR + 3; i++) {
      const socket = await duet.client({ localAddress: '127.0.6.2', auth: { code: CODE } });
      replies.push(await socket.timeout(3000).emitWithAck('turn-credentials'));
      socket.disconnect();
    }
    expect(replies.filter((r) => r.ok)).toHaveLength(PER_HOUR);
    expect(replies.slice(PER_HOUR)).toEqual(Array(3).fill({ ok: false, error: 'rate-limited' }));
    const other = await duet.client({ localAddress: '127.0.6.3', auth: { code: CODE } });
    expect(await other.timeout(3000).emitWithAck('turn-credentials')).toMatchObject({ ok: true });
  });
});

describe('TURN credentials without TURN_SECRET', () => {
  it('are answered no-turn', async () => {
    const plain = await newServer();
    const socket = await plain.client();
    expect(await socket.timeout(3000).emitWithAck('turn-credentials')).toEqual({ ok: false, error: 'no-turn' });
  });
});
