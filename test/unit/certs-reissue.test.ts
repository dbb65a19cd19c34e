import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { certificateNotice, startupBanner } from '../../src/server/lan/banner.js';
import { ensureCertificates } from '../../src/server/lan/certs.js';

const dirs: string[] = [];
function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'duet-reissue-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function leaf(chainPem: string): X509Certificate {
  return new X509Certificate(chainPem.slice(0, chainPem.indexOf('-----END CERTIFICATE-----') + 25));
}

describe('the server certificate when the machine changes networks', () => {
  it('is re-issued from the same CA to cover the new address, and start-up says so', async () => {
    const dir = freshDir();
    const before = await ensureCertificates({ dir, names: ['localhost', '192.168.1.20'] });
    const after = await ensureCertificates({ dir, names: ['localhost', '10.0.0.7'] });
    expect(after.caCreated).toBe(false);
    expect(after.ca).toBe(before.ca);
    expect(after.caFingerprint).toBe(before.caFingerprint);
    expect(after.uncovered).toEqual(['10.0.0.7']);
    const cert = leaf(after.cert);
    expect(cert.checkIP('10.0.0.7')).toBe('10.0.0.7');
    expect(cert.verify(new X509Certificate(after.ca).publicKey)).toBe(true);
    expect(readFileSync(after.paths.cert, 'utf8')).toBe(after.cert);
    const notice = certificateNotice(after).join('\n');
    expect(notice).toContain("Re-issued the server certificate from the same CA because this machine's addresses changed (now also 10.0.0.7)");
  });

  it('is kept while it still covers every address', async () => {
    const dir = freshDir();
    const first = await ensureCertificates({ dir, names: ['localhost', '192.168.1.20'] });
    const again = await ensureCertificates({ dir, names: ['localhost', '192.168.1.20'] });
    expect(again.issued).toBeUndefined();
    expect(again.cert).toBe(first.cert);
    expect(certificateNotice(again)[0]).toContain('The server certificate is current');
  });

  it('comes with a new CA the first time, and start-up asks to trust it', async () => {
    const result = await ensureCertificates({ dir: freshDir(), names: ['localhost'] });
    expect(result.caCreated).toBe(true);
    expect(certificateNotice(result)[0]).toMatch(/^Created a new local CA in .*ca\.pem: trust it once on each device/);
  });
});

describe('the start-up banner', () => {
  const input = {
    localUrl: 'https://localhost:8443',
    lanUrls: ['https://192.168.1.20:8443', 'https://[fd00::2]:8443'],
    helperUrl: 'http://192.168.1.20:8080',
    caPath: 'certs/ca.pem',
    caFingerprint: 'AB:CD',
  };

  it('lists every LAN link, the CA downloads and the fingerprint', async () => {
    const text = await startupBanner(input);
    expect(text).toContain('    https://192.168.1.20:8443\n    https://[fd00::2]:8443');
    expect(text).toContain('http://192.168.1.20:8080/ca.mobileconfig');
    expect(text).toContain('CA fingerprint (SHA-256): AB:CD');
  });

  it('draws a QR code of the first LAN link', async () => {
    const text = await startupBanner(input);
    expect(text).toContain('Scan to open https://192.168.1.20:8443 on a phone:');
    const qrLines = text.split('\n').filter((l) => /[█▀▄]/.test(l));
    expect(qrLines.length).toBeGreaterThan(10);
    expect(new Set(qrLines.map((l) => l.length)).size).toBe(1); // a square block of equal lines
  });

  it('says when ACCESS_CODE and DIRECTORY=off are active, and nothing about them by default', async () => {
    const plain = await startupBanner(input);
    expect(plain).not.toContain('ACCESS_CODE');
    expect(plain).not.toContain('DIRECTORY');
    const guarded = await startupBanner({ ...input, accessCode: true, directory: false });
    expect(guarded).toContain('ACCESS_CODE is set: the room and people pages ask for it');
    expect(guarded).toContain('DIRECTORY=off: no one sees who is online');
  });

  it('says so when no LAN address was found', async () => {
    const text = await startupBanner({ ...input, lanUrls: [], helperUrl: undefined });
    expect(text).toContain('No LAN address found');
    expect(text).not.toMatch(/[█▀▄]/);
    expect(text).not.toContain('ca.mobileconfig');
  });
});
