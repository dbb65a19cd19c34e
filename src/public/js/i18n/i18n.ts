/**
 * English and Simplified Chinese strings: `t` looks a key up in the current
 * language, `applyI18n` fills the page's `data-i18n*` elements and
 * `bindLangSwitch` wires the language `<select>` (detection and storage: lang.ts).
 */
import { en, type Key } from './strings-en.js';
import { zh } from './strings-zh.js';
import { parseLang, saveLang, type Lang } from './lang.js';

export type { Key };

const TABLES: Record<Lang, Record<Key, string>> = { en, zh };
let current: Lang = 'en';

export function t(key: Key, vars: Record<string, string> = {}): string {
  return TABLES[current][key].replace(/\{(\w+)\}/g, (_, name: string) => vars[name] ?? '');
}

/** The language `t` speaks now. */
export function currentLang(): Lang {
  return current;
}

/** Sets the language `t` speaks, without touching the page (for pages that show their own two languages, like /setup). */
export function useLang(next: Lang): void {
  current = next;
}

/** Sets the language, fills every `data-i18n`, `data-i18n-placeholder` and `data-i18n-title` element. */
export function applyI18n(next: Lang, root: ParentNode = document): void {
  useLang(next);
  document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) el.textContent = t(el.dataset.i18n as Key);
  for (const el of root.querySelectorAll<HTMLInputElement>('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder as Key);
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle as Key);
}

/** Wires a `<select>` of languages; `onChange` re-renders anything set from code. */
export function bindLangSwitch(select: HTMLSelectElement, onChange: () => void): void {
  select.value = current;
  select.addEventListener('change', () => {
    const next = parseLang(select.value) ?? 'en';
    saveLang(next);
    applyI18n(next);
    onChange();
  });
}
