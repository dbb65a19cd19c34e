/**
 * `npm run certs` and the start-up certificate check: a local CA kept across
 * runs and a server certificate valid for this machine.
 */
import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, request } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { certProblem, ensureCertificates, fingerprint } from '../../src/server/lan/certs.js';

const run = promisify(execFile);
let dir: string;
let firstOutput: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'duet-certs-'));
  firstOutput = (await run(process.execPath, ['dist/scripts/certs.js'], { env: { ...process.env, CERTS_DIR: dir }, timeout: 60_000 })).stdout;
}, 90_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const read = (name: string) => readFileSync(join(dir, name), 'utf8');

/** Completes a TLS handshake against a server using the generated files, trusting only ca.pem. */
async function handshake(host: string, servername: string): Promise<number> {
  const server = createServer({ key: read('key.pem'), cert: read('cert.pem') }, (_req, res) => res.end('ok'));
  await new Promise<void>((ok) => server.listen(0, host, ok));
  const { port } = server.address() as AddressInfo;
  try {
    return await new Promise<number>((ok, fail) => {
      const req = request({ host, port, path: '/', ca: read('ca.pem'), servername }, (res) => (res.resume(), ok(res.statusCode ?? 0)));
      req.setTimeout(5000, () => req.destroy(new Error('timeout')));
      req.on('error', fail);
      req.end();
    });
  } finally {
    server.close();
  }
}

describe('npm run certs', () => {
  it('creates a CA and a server certificate and says so', () => {
    expect(firstOutput).toContain('Created a new local CA');
    expect(firstOutput).toContain('CA fingerprint (SHA-256)');
    for (const name of ['ca.pem', 'ca-key.pem', 'cert.pem', 'key.pem']) expect(statSync(join(dir, name)).size).toBeGreaterThan(0);
  });

  it('writes the private keys readable by the owner only', () => {
    expect(statSync(join(dir, 'key.pem')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'ca-key.pem')).mode & 0o777).toBe(0o600);
  });

  it('yields a certificate that TLS clients trusting ca.pem accept for 127.0.0.1 and localhost', async () => {
    expect(await handshake('127.0.0.1', 'localhost')).toBe(200);
    expect(await handshake('127.0.0.1', '')).toBe(200);
  });

  it('puts the chain in cert.pem and covers the machine names', () => {
    const leaf = new X509Certificate(read('cert.pem'));
    const ca = new X509Certificate(read('ca.pem'));
    expect(leaf.checkIssued(ca)).toBe(true);
    expect(read('cert.pem')).toContain(read('ca.pem').trim());
    expect(leaf.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(leaf.checkIP('::1')).toBeDefined();
    expect(leaf.checkHost('localhost')).toBe('localhost');
    expect(ca.ca).toBe(true);
  });

  it('keeps the CA and the still-valid certificate on a second run', async () => {
    const caBefore = read('ca.pem');
    const certBefore = read('cert.pem');
    const { stdout } = await run(process.execPath, ['dist/scripts/certs.js'], { env: { ...process.env, CERTS_DIR: dir }, timeout: 60_000 });
    expect(stdout).toContain('Kept the existing local CA');
    expect(stdout).toContain('The server certificate is current');
    expect(read('ca.pem')).toBe(caBefore);
    expect(read('cert.pem')).toBe(certBefore);
  });

  it('fails with a clear message when the configuration is bad', async () => {
    await expect(run(process.execPath, ['dist/scripts/certs.js'], { env: { ...process.env, CERTS_DIR: dir, LOG_LEVEL: 'shouty' } })).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('LOG_LEVEL must be one of'),
    });
  });
});

describe('re-issuing', () => {
  it('re-issues the server certificate from the same CA when a new address appears', async () => {
    const caBefore = read('ca.pem');
    const result = await ensureCertificates({ dir, names: ['localhost', '127.0.0.1', '10.77.0.9'] });
    expect(result.issued).toBe('the server certificate does not cover 10.77.0.9');
    expect(result.caCreated).toBe(false);
    expect(read('ca.pem')).toBe(caBefore);
    expect(result.caFingerprint).toBe(fingerprint(caBefore));
    expect(new X509Certificate(read('cert.pem')).checkIP('10.77.0.9')).toBe('10.77.0.9');
  });

  it('gives a re-issued certificate a serial number different from the one it replaces', async () => {
    const before = new X509Certificate(read('cert.pem')).serialNumber;
    const result = await ensureCertificates({ dir, names: ['localhost', '127.0.0.1', '10.77.0.10'] });
    expect(result.issued).toContain('10.77.0.10');
    expect(new X509Certificate(read('cert.pem')).serialNumber).not.toBe(before);
  });

  it('explains what is wrong with a certificate from another CA', async () => {
    const other = mkdtempSync(join(tmpdir(), 'duet-other-ca-'));
    try {
      const foreign = await ensureCertificates({ dir: other, names: ['localhost'] });
      expect(certProblem(foreign.cert, read('ca.pem'), ['localhost'])).toBe('the server certificate is not signed by the CA');
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });
});
