/**
 * Only the public folder is reachable over HTTPS, whatever the path tricks.
 */
import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type Running } from '../support/server.js';

let duet: Running;
beforeAll(async () => {
  duet = await startServer();
});
afterAll(async () => {
  await duet.close();
});

/** A raw GET: the path is sent exactly as written (no URL normalisation). */
function get(path: string): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port: duet.port, path, method: 'GET', ca: duet.ca, servername: 'localhost' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => ok({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.setTimeout(5000, () => req.destroy(new Error('timeout')));
    req.on('error', fail);
    req.end();
  });
}

describe('static files', () => {
  it('serves the home page over HTTPS trusted by the run CA', async () => {
    const res = await get('/');
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>duet');
  });

  it('serves the Socket.IO client script that tutorial pages load', async () => {
    const res = await get('/socket.io/socket.io.js');
    expect(res.status).toBe(200);
    expect(res.body.length).toBeGreaterThan(1000);
  });

  it('does not announce Express in its headers', async () => {
    const res = await get('/');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  const secrets = ['BEGIN', 'PRIVATE KEY', '"dependencies"', 'createServer', '[core]', 'node_modules'];
  it.each([
    '/../package.json',
    '/..%2fpackage.json',
    '/%2e%2e/package.json',
    '/%2e%2e%2fpackage.json',
    '/..%5cpackage.json',
    '/%2e%2e/%2e%2e/certs/key.pem',
    '/../certs/key.pem',
    '/certs/key.pem',
    '/certs/ca-key.pem',
    '/.git/config',
    '/%2egit/config',
    '/.env',
    '/package.json',
    '/node_modules/',
    '/node_modules/socket.io/package.json',
    '/src/server/main.ts',
    '/../src/server/app.ts',
    '/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '/....//....//etc/passwd',
    '/%252e%252e/package.json',
    '/%c0%ae%c0%ae/package.json',
    '/index.html%00.pem',
  ])('refuses %s with 4xx and leaks nothing', async (path) => {
    const res = await get(path);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    for (const secret of secrets) expect(res.body).not.toContain(secret);
  });
});
