/**
 * /setup: picks the language, shows the link for another device as a QR code
 * (on a loopback page the LAN address, with its network named and a picker:
 * view/share-link.ts) and the CA fingerprint from GET /api/lan.
 */
import QRCode from 'qrcode';
import type { LanInfo } from '../../shared/api.js';
import { useLang } from './i18n/i18n.js';
import { detectLang, parseLang, saveLang, type Lang } from './i18n/lang.js';
import { bindShareOrigin } from './view/share-link.js';

/** The setup page marks its two languages with these tags (`lang` and `data-set-lang` in setup.html). */
const TAGS: Record<Lang, string> = { en: 'en', zh: 'zh-Hans' };

function setLang(lang: Lang): void {
  const tag = TAGS[lang];
  useLang(lang);
  document.documentElement.lang = tag;
  document.documentElement.dataset.lang = tag;
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-set-lang]')) {
    button.setAttribute('aria-pressed', String(button.dataset.setLang === tag));
  }
}

async function showFingerprint(): Promise<void> {
  const response = await fetch('/api/lan', { cache: 'no-store' });
  const info = (response.ok ? await response.json() : null) as Partial<LanInfo> | null;
  const fingerprint = document.getElementById('fingerprint');
  if (fingerprint && typeof info?.caFingerprint === 'string') fingerprint.textContent = info.caFingerprint;
}

/** The link and QR code for another device; neither when no other device can open duet. */
async function showLink(origin: string, reachable: boolean): Promise<void> {
  const target = `${origin}/setup`;
  const link = document.getElementById('lan-url') as HTMLAnchorElement;
  link.href = target;
  link.textContent = target;
  link.hidden = !reachable;
  const canvas = document.getElementById('qr') as HTMLCanvasElement;
  canvas.hidden = !reachable;
  if (!reachable) return;
  await QRCode.toCanvas(canvas, target, { width: 232, margin: 2, errorCorrectionLevel: 'M' });
  canvas.dataset.text = target;
}

setLang(detectLang());
const network = document.getElementById('link-network') as HTMLSelectElement;
const note = document.getElementById('link-note') as HTMLElement;
const rendered = bindShareOrigin({ network, note }, (origin, reachable) => {
  showLink(origin, reachable).catch((error: unknown) => console.warn('duet: QR code not drawn', error));
});
for (const button of document.querySelectorAll<HTMLButtonElement>('[data-set-lang]')) {
  button.addEventListener('click', () => {
    const lang = parseLang(button.dataset.setLang) ?? 'en';
    saveLang(lang);
    setLang(lang);
    void rendered.then((render) => render());
  });
}
showFingerprint().catch((error: unknown) => console.warn('duet: CA fingerprint not loaded', error));
