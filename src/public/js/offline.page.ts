/**
 * The offline page (offline.html), shown by the service worker in place of any page it could not
 * fetch: says the server cannot be reached, with its address, and tries again on a click or when
 * the network comes back. The address bar still shows the page that was asked for, so trying
 * again is a reload.
 */
import { applyI18n, bindLangSwitch, t } from './i18n/i18n.js';
import { detectLang } from './i18n/lang.js';
import { byId } from './view/dom.js';

function main(): void {
  applyI18n(detectLang());
  const text = byId('offline-text');
  const render = () => void (text.textContent = t('offline.text', { address: location.host }));
  byId('offline-retry').addEventListener('click', () => location.reload());
  addEventListener('online', () => location.reload());
  bindLangSwitch(byId<HTMLSelectElement>('lang'), render);
  render();
}

main();
