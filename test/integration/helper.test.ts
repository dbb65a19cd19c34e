import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHelperServer, type HelperInstance } from '../../src/server/http/helper.js';
import { silentLogger } from '../../src/server/log/logger.js';
import { fetchOnce } from '../support/http.js';
import { startServer, type Running } from '../support/server.js';

let duet: Running;
let helper: HelperInstance;
let helperUrl: string;

beforeAll(async () => {
  duet = await startServer();
  helper = createHelperServer({ port: 0, host: '127.0.0.1', httpsPort: duet.port }, { logger: silentLogger, ca: duet.ca });
  helperUrl = (await helper.listen()).url;
});

afterAll(async () => {
  await helper?.close();
  await duet?.close();
});

describe('the plain-HTTP helper port', () => {
  it('serves ca.pem before the device trusts anything', async () => {
    const reply = await fetchOnce(`${helperUrl}/ca.pem`);
    expect(reply.status).toBe(200);
    expect(reply.body.toString('utf8')).toBe(duet.ca);
    expect(reply.headers['content-disposition']).toBe('attachment; filename="duet-ca.pem"');
  });

  it('serves ca.crt as DER with the CA certificate type', async () => {
    const reply = await fetchOnce(`${helperUrl}/ca.crt`);
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/x-x509-ca-cert');
    expect(new X509Certificate(reply.body).fingerprint256).toBe(new X509Certificate(duet.ca).fingerprint256);
  });

  it('serves the iOS profile with the configuration-profile type', async () => {
    const reply = await fetchOnce(`${helperUrl}/ca.mobileconfig`);
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toBe('application/x-apple-aspen-config');
    expect(reply.body.toString('utf8')).toContain('<string>com.apple.security.root</string>');
  });

  it('redirects a page to the same host on the HTTPS port, path and query kept', async () => {
    const reply = await fetchOnce(`${helperUrl}/r/kitchen?lang=zh`);
    expect(reply.status).toBe(307);
    expect(reply.headers.location).toBe(`https://127.0.0.1:${duet.port}/r/kitchen?lang=zh`);
  });

  it('redirects to the host name the device used', async () => {
    const reply = await fetchOnce(`${helperUrl}/`, { host: 'laptop.local:8080' });
    expect(reply.headers.location).toBe(`https://laptop.local:${duet.port}/`);
  });

  it('leads to the real HTTPS server, which the CA validates', async () => {
    const location = (await fetchOnce(`${helperUrl}/setup`)).headers.location as string;
    const page = await fetchOnce(location, { ca: duet.ca });
    expect(page.status).toBe(200);
    expect(page.body.toString('utf8')).toContain('Certificate Trust Settings');
  });

  it('does not serve the CA private key or anything else', async () => {
    for (const path of ['/ca-key.pem', '/key.pem', '/cert.pem']) {
      expect((await fetchOnce(`${helperUrl}${path}`)).status).toBe(307);
    }
  });

  it('answers 400 to a request without a usable Host header', async () => {
    const reply = await fetchOnce(`${helperUrl}/`, { host: 'evil.example/x' });
    expect(reply.status).toBe(400);
    expect(reply.headers.location).toBeUndefined();
  });
});

describe('the HTTPS server', () => {
  it('also serves the three CA downloads', async () => {
    const pem = await fetchOnce(`${duet.url}/ca.pem`, { ca: duet.ca });
    const der = await fetchOnce(`${duet.url}/ca.crt`, { ca: duet.ca });
    const profile = await fetchOnce(`${duet.url}/ca.mobileconfig`, { ca: duet.ca });
    expect(pem.body.toString('utf8')).toBe(duet.ca);
    expect(der.headers['content-type']).toBe('application/x-x509-ca-cert');
    expect(profile.headers['content-type']).toBe('application/x-apple-aspen-config');
  });

  it('serves the setup page at /setup with its script and style as files, nothing inline', async () => {
    const html = (await fetchOnce(`${duet.url}/setup`, { ca: duet.ca })).body.toString('utf8');
    expect(html).toContain('<script type="module" src="/js/setup.page.js"></script>');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
    expect(html).toContain('简体中文');
    const script = await fetchOnce(`${duet.url}/js/setup.page.js`, { ca: duet.ca });
    expect(script.status).toBe(200);
  });

  it('lists its LAN links and CA fingerprint at /api/lan', async () => {
    const body = JSON.parse((await fetchOnce(`${duet.url}/api/lan`, { ca: duet.ca })).body.toString('utf8')) as unknown;
    // bound to 127.0.0.1 here: no LAN link; the namespace test checks a real LAN address
    expect(body).toEqual({ urls: [], caFingerprint: new X509Certificate(duet.ca).fingerprint256, loopbackHost: '127.0.0.1' });
  });
});
