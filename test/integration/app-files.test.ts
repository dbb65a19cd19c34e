/**
 * The files that make duet installable, as the server sends them: the manifest with its icons,
 * and the service worker at the root with headers that let the browser pick up a new one at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchOnce } from '../support/http.js';
import { startServer, type Running } from '../support/server.js';

let duet: Running;
const getText = async (server: Running, path: string) => {
  const reply = await fetchOnce(`${server.url}${path}`, { ca: server.ca });
  return { ...reply, body: reply.body.toString('utf8') };
};
beforeAll(async () => {
  duet = await startServer();
});
afterAll(async () => {
  await duet.close();
});

describe('the installable app’s files', () => {
  it('serves the manifest as a web app manifest, checked again on every load', async () => {
    const res = await getText(duet, '/manifest.webmanifest');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/manifest\+json/);
    expect(res.headers['cache-control']).toBe('no-cache');
    const manifest = JSON.parse(res.body) as {
      name: string;
      short_name: string;
      display: string;
      start_url: string;
      theme_color: string;
      icons: Array<{ src: string; sizes: string; purpose?: string }>;
    };
    expect(manifest).toMatchObject({ name: 'duet', short_name: 'duet', display: 'standalone', start_url: '/' });
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/);
    for (const [sizes, purpose] of [
      ['192x192', 'any'],
      ['512x512', 'any'],
      ['192x192', 'maskable'],
      ['512x512', 'maskable'],
    ])
      expect(manifest.icons).toContainEqual(expect.objectContaining({ sizes, purpose, type: 'image/png' }));
    for (const icon of manifest.icons) {
      const got = await getText(duet, icon.src);
      expect([icon.src, got.status]).toEqual([icon.src, 200]);
    }
  });

  it('serves the service worker at the root as a script, never from a stale cache, under the same policy as the pages', async () => {
    const res = await getText(duet, '/sw.js');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(String(res.headers['content-security-policy'])).toContain("default-src 'self'");
    expect(res.body).toMatch(/duet-/);
    expect(res.body).toContain('/offline.html');
  });

  it('links every page to the manifest and the service worker', async () => {
    for (const path of ['/', '/people', '/r/kitchen-table', '/check']) {
      const res = await getText(duet, path);
      expect([path, res.body.includes('<link rel="manifest" href="/manifest.webmanifest">')]).toEqual([path, true]);
      expect([path, res.body.includes('/js/install.page.js')]).toEqual([path, true]);
    }
  });
});
