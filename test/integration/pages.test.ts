/**
 * The page routes: the room link, the tutorial-style redirect, a readable 404
 * for bad room names, and the configuration endpoint the page reads.
 */
import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from '../../src/server/app.js';
import { silentLogger } from '../../src/server/log/logger.js';
import { PUBLIC_DIR, startServer, testTls, type Running } from '../support/server.js';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(base: string, path: string, ca: string): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, base), { ca, timeout: 5000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${path} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

describe('page routes', () => {
  let server: Running;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('serves the room page at /r/<room>', async () => {
    const reply = await get(server.url, '/r/kitchen-table', server.ca);
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('id="join"');
    expect(reply.body).toContain('/js/room.page.js');
  });

  it('serves rooms named in Chinese', async () => {
    const reply = await get(server.url, `/r/${encodeURIComponent('家庭聚会')}`, server.ca);
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('id="remote"');
  });

  it('redirects the tutorial-style room.html?room=X to /r/X', async () => {
    const reply = await get(server.url, '/room.html?room=kitchen-table', server.ca);
    expect(reply.status).toBe(302);
    expect(reply.headers.location).toBe('/r/kitchen-table');
  });

  it('sends room.html without a room to the home page', async () => {
    const reply = await get(server.url, '/room.html', server.ca);
    expect(reply.status).toBe(302);
    expect(reply.headers.location).toBe('/');
  });

  it('answers an invalid room name with a readable 404 page', async () => {
    for (const path of ['/r/bad%20name', '/r/' + 'x'.repeat(65), '/room.html?room=%3Cscript%3E']) {
      const reply = await get(server.url, path, server.ca);
      expect(reply.status, path).toBe(404);
      expect(reply.headers['content-type']).toMatch(/text\/html/);
      expect(reply.body).toContain('This room link is not valid');
      expect(reply.body).not.toContain('<script');
    }
  });

  it('has no inline scripts or styles in its pages', async () => {
    for (const path of ['/', '/r/kitchen-table', '/r/bad%20name', '/check']) {
      const { body } = await get(server.url, path, server.ca);
      expect(body, path).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
      expect(body, path).not.toMatch(/<style|\sstyle=/);
    }
  });

  it('gives the page no ICE servers by default', async () => {
    const reply = await get(server.url, '/api/config', server.ca);
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.body)).toEqual({ iceServers: [], turn: false });
  });

  it("gives the page the operator's ICE servers", async () => {
    const tls = testTls();
    const iceServers = [{ urls: 'stun:stun.example.org:3478' }];
    const custom = createServer({ port: 0, host: '127.0.0.1', iceServers }, { logger: silentLogger, tls, publicDir: PUBLIC_DIR });
    const { url } = await custom.listen();
    try {
      const reply = await get(url, '/api/config', tls.ca);
      expect(JSON.parse(reply.body)).toEqual({ iceServers, turn: false });
    } finally {
      await custom.close();
    }
  });
});
