/**
 * Room names made only of dots: `/r/..` resolves to `/` in a
 * browser, so such names are refused everywhere the room-name rule applies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isRoomName } from '../../src/shared/room-name.js';
import { request } from 'node:https';
import { fetchOnce, type Reply } from '../support/http.js';
import { startServer, type Running } from '../support/server.js';

/** A GET of `path` exactly as written (a URL parser would resolve the dot segments first). */
function rawGet(server: Running, path: string): Promise<Reply> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, ca: server.ca, servername: 'localhost', timeout: 5000, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${path} timed out`)));
    req.on('error', fail);
    req.end();
  });
}

const ONLY_DOTS = ['.', '..', '...', '.'.repeat(64)];
const WITH_DOTS = ['a.', '.a', 'a..b', '.a.', 'v1.2', '-.', '_..'];

describe('room names of dots', () => {
  let server: Running;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it.each(ONLY_DOTS)('refuses %j by the rule', (name) => {
    expect(isRoomName(name)).toBe(false);
  });

  it.each(WITH_DOTS)('still accepts %j, which has a working link', (name) => {
    expect(isRoomName(name)).toBe(true);
  });

  it('answers invalid-room to a join of a name made of dots', async () => {
    const socket = await server.client();
    for (const room of ONLY_DOTS) {
      expect(await socket.timeout(3000).emitWithAck('join', room)).toEqual({ ok: false, error: 'invalid-room' });
    }
    expect(server.server.rooms!.roomCount).toBe(0);
    expect(await socket.timeout(3000).emitWithAck('join', 'a.')).toMatchObject({ ok: true, room: 'a.' });
  });

  it('answers the bad-room page to /r/%2e%2e, /r/... and room.html?room=..', async () => {
    for (const path of ['/r/%2e', '/r/%2e%2e', '/r/...', '/room.html?room=..', '/room.html?room=.']) {
      const reply = await rawGet(server, path);
      expect(reply.status, path).toBe(404);
      expect(reply.body.toString()).toContain('not only dots');
    }
  });

  it('serves the room page for names with a leading or trailing dot', async () => {
    for (const path of ['/r/a.', '/r/.a', '/room.html?room=a.']) {
      const reply = await fetchOnce(`${server.url}${path}`, { ca: server.ca });
      expect([200, 302], path).toContain(reply.status);
    }
  });
});
