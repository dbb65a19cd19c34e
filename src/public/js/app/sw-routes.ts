/**
 * What the service worker (src/public/sw.ts) does with a request, as a pure function so it is
 * tested without a browser. Pages always come from the server (network first) so an old page
 * never runs against a new server; without the server, duet's offline page answers instead.
 * Assets also come from the network first, from this build's cache only when the server cannot be
 * reached. Socket.IO, the APIs and other origins are left to the browser.
 */

export type Route = 'bypass' | 'page' | 'asset';

/** The offline page the worker keeps and shows for a page it cannot fetch. */
export const OFFLINE_PAGE = '/offline.html';

/** Paths whose answers are live (signaling, configuration, health, certificates): never cached. */
const LIVE = [/^\/socket\.io\//, /^\/api\//, /^\/(livez|readyz|metrics)$/, /^\/ca\.(pem|crt|mobileconfig)$/];

export function routeOf(request: { url: string; method: string; mode: string }, origin: string): Route {
  if (request.method !== 'GET') return 'bypass';
  const url = new URL(request.url);
  if (url.origin !== origin) return 'bypass';
  if (LIVE.some((re) => re.test(url.pathname))) return 'bypass';
  return request.mode === 'navigate' ? 'page' : 'asset';
}

/** The cache of one build: a new build's worker keeps its own and deletes the others. */
export function cacheName(build: string): string {
  return `duet-${build}`;
}

export function isDuetCache(name: string): boolean {
  return name.startsWith('duet-');
}
