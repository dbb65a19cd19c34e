import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type Running } from '../support/server.js';

function get(running: Running, path: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port: running.port, path, ca: running.ca }, (res) => {
      res.resume();
      ok({ status: res.statusCode ?? 0, headers: res.headers });
    });
    req.setTimeout(5000, () => req.destroy(new Error('no answer within 5 s')));
    req.on('error', fail);
    req.end();
  });
}

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .map(([name, ...values]) => [name!, values]),
  );
}

describe('security headers', () => {
  let running: Running;
  beforeAll(async () => {
    running = await startServer();
  });
  afterAll(() => running.close());

  it('send a content security policy allowing exactly self, WebAssembly (not eval), blob:, mediastream:, data: images and the own socket', async () => {
    const { headers } = await get(running, '/');
    const csp = directives(String(headers['content-security-policy']));
    const own = `127.0.0.1:${running.port}`;
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(csp.get('style-src')).toEqual(["'self'"]);
    expect(csp.get('img-src')).toEqual(["'self'", 'data:']);
    expect(csp.get('media-src')).toEqual(["'self'", 'blob:', 'mediastream:']);
    expect(csp.get('connect-src')).toEqual(["'self'", `https://${own}`, `wss://${own}`]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    const everything = [...csp.values()].flat();
    expect(everything.filter((v) => /unsafe|\*|http:/.test(v))).toEqual(["'wasm-unsafe-eval'"]); // compiling WebAssembly, never eval
  });

  it('send HSTS and no x-powered-by, on pages and on 404s', async () => {
    for (const path of ['/', '/no-such-page']) {
      const { headers } = await get(running, path);
      expect(headers['strict-transport-security']).toMatch(/^max-age=\d{7,}/);
      expect(headers['x-powered-by']).toBeUndefined();
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['referrer-policy']).toBe('no-referrer');
    }
  });

  it('leave the own-socket source out when the Host header is malformed', async () => {
    const res = await new Promise<Record<string, string | string[] | undefined>>((ok, fail) => {
      const req = request(
        { host: '127.0.0.1', port: running.port, path: '/', ca: running.ca, servername: 'localhost', headers: { host: 'evil.example; script-src *' } },
        (r) => (r.resume(), ok(r.headers)),
      );
      req.on('error', fail);
      req.end();
    });
    const csp = directives(String(res['content-security-policy']));
    expect(csp.get('connect-src')).toEqual(["'self'", "'self'", "'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
  });
});
