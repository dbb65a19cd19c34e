/**
 * /setup: picks the language, shows the LAN link as a QR code and the CA
 * fingerprint, both from GET /api/lan.
 */
import QRCode from 'qrcode';
import { detectLang, parseLang, saveLang, type Lang } from './i18n/lang.js';
import type { LanInfo } from '../../shared/api.js';

/** The setup page marks its two languages with these tags (`lang` and `data-set-lang` in setup.html). */
const TAGS: Record<Lang, string> = { en: 'en', zh: 'zh-Hans' };

function setLang(lang: Lang): void {
  const tag = TAGS[lang];
  document.documentElement.lang = tag;
  document.documentElement.dataset.lang = tag;
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-set-lang]')) {
    button.setAttribute('aria-pressed', String(button.dataset.setLang === tag));
  }
}

function isLanInfo(value: unknown): value is LanInfo {
  const v = value as LanInfo;
  return typeof v === 'object' && v !== null && Array.isArray(v.urls) && v.urls.every((u) => typeof u === 'string');
}

async function showLink(): Promise<void> {
  const response = await fetch('/api/lan', { cache: 'no-store' });
  const info: unknown = response.ok ? await response.json() : null;
  const urls = isLanInfo(info) && info.urls.length > 0 ? info.urls : [location.origin];
  const target = `${urls[0]}/setup`;
  const link = document.getElementById('lan-url') as HTMLAnchorElement;
  link.href = target;
  link.textContent = target;
  const others = document.getElementById('lan-other');
  if (others) others.textContent = urls.slice(1).join('  ');
  const fingerprint = document.getElementById('fingerprint');
  if (fingerprint && isLanInfo(info) && info.caFingerprint) fingerprint.textContent = info.caFingerprint;
  const canvas = document.getElementById('qr') as HTMLCanvasElement;
  await QRCode.toCanvas(canvas, target, { width: 232, margin: 2, errorCorrectionLevel: 'M' });
  canvas.dataset.text = target;
}

setLang(detectLang());
for (const button of document.querySelectorAll<HTMLButtonElement>('[data-set-lang]')) {
  button.addEventListener('click', () => {
    const lang = parseLang(button.dataset.setLang) ?? 'en';
    saveLang(lang);
    setLang(lang);
  });
}
showLink().catch((error: unknown) => {
  const link = document.getElementById('lan-url');
  if (link) link.textContent = `Could not load the LAN link: ${error instanceof Error ? error.message : String(error)}`;
});
