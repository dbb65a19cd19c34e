/**
 * Path-traversal variants not in static.test.ts: mixed-case and
 * double encoding, raw and encoded backslashes, overlong UTF-8 dots and slashes, through the
 * /r/ route and with doubled slashes. None reaches a file outside the public folder.
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

/** A raw GET: the path goes on the wire exactly as written. */
function rawGet(path: string): Promise<{ status: number; body: string }> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port: duet.port, path, ca: duet.ca, servername: 'localhost', agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => ok({ status: res.statusCode ?? 0, body }));
    });
    req.setTimeout(5000, () => req.destroy(new Error(`no answer to ${path}`)));
    req.on('error', fail);
    req.end();
  });
}

const SECRETS = ['BEGIN', 'PRIVATE KEY', '"dependencies"', 'createServer', '[core]', 'root:x:0', 'node_modules'];

describe('path traversal variants', () => {
  it.each([
    '/%2E%2e/package.json',
    '/%2e%2E%2F%2E%2e%2fpackage.json',
    '/%252e%252e%252fpackage.json',
    '/%25%32%65%25%32%65/package.json',
    '/..\\package.json',
    '/js\\..\\..\\package.json',
    '/%5c..%5c..%5cpackage.json',
    '/%c0%ae%c0%ae%c0%afpackage.json',
    '/%e0%80%ae%e0%80%ae/package.json',
    '/%c0%2e%c0%2e/package.json',
    '/%uff0e%uff0e/package.json',
    '/r/..%2f..%2fpackage.json',
    '/r/..%2F..%2Fcerts%2Fkey.pem',
    '/r/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    '/r/..',
    '//etc/passwd',
    '///etc/passwd',
    '//../package.json',
    '/js/../../package.json',
    '/js/%2e%2e/%2e%2e/package.json',
    '/./.././package.json',
    '/..;/package.json',
    '/%00../package.json',
    '/room.html?room=../../package.json',
    '/%2fetc%2fpasswd',
  ])('answers %s without any file from outside the public folder', async (path) => {
    const reply = await rawGet(path);
    expect(reply.status, path).not.toBe(500);
    if (reply.status === 200) expect(reply.body).toMatch(/^<!doctype html>/i); // a page of duet's own, never a file
    for (const secret of SECRETS) expect(reply.body).not.toContain(secret);
  });
});
