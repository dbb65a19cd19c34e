/**
 * duet's service worker, bundled by scripts/build-client.mjs as /sw.js with the build's version
 * and its app shell (the offline page, styles, scripts, icons) written in. It keeps the shell in
 * a cache named after the build, answers pages from the server and, when the server cannot be
 * reached, with duet's offline page (routes: js/app/sw-routes.ts). A new build is a new sw.js:
 * the browser installs it, it takes over at once and deletes the old build's cache.
 */
import { cacheName, isDuetCache, OFFLINE_PAGE, routeOf } from './js/app/sw-routes.js';

declare const DUET_BUILD: string;
declare const DUET_SHELL: string[];

/** The parts of the worker's global scope and events this file uses (the DOM library has no worker types). */
interface ExtendableEvent extends Event {
  waitUntil(work: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  request: Request;
  respondWith(answer: Promise<Response>): void;
}
interface WorkerScope {
  location: Location;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
}

const worker = self as unknown as WorkerScope;
const CACHE = cacheName(DUET_BUILD);

worker.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(DUET_SHELL.map((path) => new Request(path, { cache: 'reload' }))))
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => isDuetCache(name) && name !== CACHE).map((name) => caches.delete(name))))
      .then(() => worker.clients.claim()),
  );
});

/** The server's answer; without the server, what this build's cache holds for `fallback`. */
async function networkFirst(request: Request, fallback: RequestInfo): Promise<Response> {
  try {
    return await fetch(request);
  } catch (error) {
    const kept = await caches.match(fallback, { cacheName: CACHE });
    if (kept) return kept;
    throw error;
  }
}

worker.addEventListener('fetch', (event) => {
  const route = routeOf(event.request, worker.location.origin);
  if (route === 'bypass') return;
  event.respondWith(networkFirst(event.request, route === 'page' ? OFFLINE_PAGE : event.request));
});
