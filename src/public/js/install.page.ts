/**
 * Every page's link to the installed app: registers duet's service worker (/sw.js), which keeps
 * the offline page and the app shell, so a phone can add duet to its home screen and a reload
 * without the server shows duet's own page. The browser checks /sw.js on every page load
 * (updateViaCache 'none'), so an upgraded server brings its worker at once. Registered once the page
 * has loaded, so the worker's first download of the shell does not slow the page down.
 */
function register(): void {
  navigator.serviceWorker.register('/sw.js', { scope: '/', updateViaCache: 'none' }).catch((error: unknown) => {
    console.warn('duet: the service worker could not be registered', error);
  });
}

// after the page has loaded: the worker's first download of the shell does not compete with the page's own
if ('serviceWorker' in navigator && window.isSecureContext) {
  if (document.readyState === 'complete') register();
  else addEventListener('load', register, { once: true });
}
