/**
 * What duet's service worker does with each request (src/public/js/app/sw-routes.ts): pages and
 * assets of its own origin through it (network first), live answers and other origins left alone.
 */
import { describe, expect, it } from 'vitest';
import { cacheName, isDuetCache, routeOf } from '../../src/public/js/app/sw-routes.js';

const ORIGIN = 'https://duet.lan:8443';
const get = (path: string, mode = 'no-cors') => routeOf({ url: `${ORIGIN}${path}`, method: 'GET', mode }, ORIGIN);

describe('the service worker routes', () => {
  it('takes page loads as pages, whatever their path', () => {
    for (const path of ['/', '/people', '/r/kitchen-table', '/check', '/setup']) expect(get(path, 'navigate')).toBe('page');
  });

  it('takes styles, scripts and images as assets', () => {
    for (const path of ['/css/duet.css', '/js/people.page.js', '/img/mic.svg', '/icons/icon-192.png', '/manifest.webmanifest']) expect(get(path)).toBe('asset');
  });

  it('leaves signaling, the APIs, health, metrics and the CA to the browser', () => {
    for (const path of [
      '/socket.io/?EIO=4&transport=polling',
      '/api/config',
      '/api/lan',
      '/livez',
      '/readyz',
      '/metrics',
      '/ca.pem',
      '/ca.crt',
      '/ca.mobileconfig',
    ])
      expect(get(path)).toBe('bypass');
  });

  it('leaves other methods and other origins alone', () => {
    expect(routeOf({ url: `${ORIGIN}/people`, method: 'POST', mode: 'navigate' }, ORIGIN)).toBe('bypass');
    expect(routeOf({ url: 'https://elsewhere.example/x.js', method: 'GET', mode: 'no-cors' }, ORIGIN)).toBe('bypass');
    expect(routeOf({ url: 'https://duet.lan:9443/people', method: 'GET', mode: 'navigate' }, ORIGIN)).toBe('bypass');
  });

  it('names a cache after its build, so a new build never reads an old build’s files', () => {
    expect(cacheName('0123456789abcdef')).toBe('duet-0123456789abcdef');
    expect(cacheName('a')).not.toBe(cacheName('b'));
    expect(isDuetCache(cacheName('a'))).toBe(true);
    expect(isDuetCache('someone-else')).toBe(false);
  });
});
