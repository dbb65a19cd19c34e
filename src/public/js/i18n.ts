/**
 * English and Simplified Chinese strings. The language comes from a saved
 * choice, else the browser's languages; `applyI18n` fills `data-i18n*` elements.
 */
import { en, type Key } from './strings-en.js';
import { zh } from './strings-zh.js';

export type { Key };
export type Lang = 'en' | 'zh';

const TABLES: Record<Lang, Record<Key, string>> = { en, zh };
const STORAGE_KEY = 'duet.lang';
let current: Lang = 'en';

export function detectLang(): Lang {
  const saved = safeGet(STORAGE_KEY);
  if (saved === 'en' || saved === 'zh') return saved;
  if (saved === 'zh-Hans') return 'zh'; // chosen on the setup page
  const langs = navigator.languages?.length ? navigator.languages : [navigator.language];
  for (const lang of langs) {
    const l = lang.toLowerCase();
    if (l.startsWith('zh')) return 'zh';
    if (l.startsWith('en')) return 'en';
  }
  return 'en';
}

export function t(key: Key, vars: Record<string, string> = {}): string {
  return TABLES[current][key].replace(/\{(\w+)\}/g, (_, name: string) => vars[name] ?? '');
}

export function lang(): Lang {
  return current;
}

/** Sets the language, fills every `data-i18n`, `data-i18n-placeholder` and `data-i18n-title` element. */
export function applyI18n(next: Lang, root: ParentNode = document): void {
  current = next;
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = t(el.dataset.i18n as Key);
  for (const el of root.querySelectorAll<HTMLInputElement>('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder as Key);
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle as Key);
}

/** Wires a `<select>` of languages; `onChange` re-renders anything set from code. */
export function bindLangSwitch(select: HTMLSelectElement, onChange: () => void): void {
  select.value = current;
  select.addEventListener('change', () => {
    const next = select.value === 'zh' ? 'zh' : 'en';
    safeSet(STORAGE_KEY, next);
    applyI18n(next);
    onChange();
  });
}

export function safeGet(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function safeSet(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    /* private mode: not remembered */
  }
}
