/**
 * Which language the pages speak: the choice saved on any duet page (home,
 * call or setup), else the browser's languages, else English. One code per
 * language everywhere ('en', 'zh'); 'zh-Hans', which the setup page saved
 * before, still reads as Chinese.
 */
import { safeGet, safeSet } from '../store/storage.js';

export type Lang = 'en' | 'zh';

const STORAGE_KEY = 'duet.lang';

/** A language code from a saved choice or a `<select>`/button value, or undefined. */
export function parseLang(value: string | null | undefined): Lang | undefined {
  if (value === 'en') return 'en';
  if (value === 'zh' || value === 'zh-Hans') return 'zh';
  return undefined;
}

export function detectLang(): Lang {
  const saved = parseLang(safeGet(STORAGE_KEY));
  if (saved) return saved;
  const langs = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const lang of langs) {
    const l = lang.toLowerCase();
    if (l.startsWith('zh')) return 'zh';
    if (l.startsWith('en')) return 'en';
  }
  return 'en';
}

export function saveLang(lang: Lang): void {
  safeSet(STORAGE_KEY, lang);
}
