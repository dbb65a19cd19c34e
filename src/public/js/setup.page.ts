/**
 * /setup: picks the language, shows the LAN link as a QR code and the CA
 * fingerprint, both from GET /api/lan.
 */
import QRCode from 'qrcode';
import type { LanInfo } from '../../shared/api.js';

type Lang = 'en' | 'zh-Hans';

const STORE_KEY = 'duet.lang';

function preferredLang(): Lang {
  const saved = localStorage.getItem(STORE_KEY);
  if (saved === 'en' || saved === 'zh-Hans') return saved;
  if (saved === 'zh') return 'zh-Hans'; // chosen on the home or call page
  return navigator.languages.some((l) => l.toLowerCase().startsWith('zh')) ? 'zh-Hans' : 'en';
}

function setLang(lang: Lang): void {
  document.documentElement.lang = lang;
  document.documentElement.dataset.lang = lang;
  for (const button of document.querySelectorAll<HTMLButtonElement>('[data-set-lang]')) {
    button.setAttribute('aria-pressed', String(button.dataset.setLang === lang));
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

setLang(preferredLang());
for (const button of document.querySelectorAll<HTMLButtonElement>('[data-set-lang]')) {
  button.addEventListener('click', () => {
    const lang = button.dataset.setLang === 'zh-Hans' ? 'zh-Hans' : 'en';
    localStorage.setItem(STORE_KEY, lang);
    setLang(lang);
  });
}
showLink().catch((error: unknown) => {
  const link = document.getElementById('lan-url');
  if (link) link.textContent = `Could not load the LAN link: ${error instanceof Error ? error.message : String(error)}`;
});
