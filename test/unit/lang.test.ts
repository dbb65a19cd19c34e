/**
 * One language detection and storage for the home, call and setup pages
 * (src/public/js/i18n/lang.ts), with a stand-in localStorage and navigator.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { detectLang, parseLang, saveLang } from '../../src/public/js/i18n/lang.js';

function browser(languages: string[], saved: Record<string, string> = {}) {
  const store = new Map(Object.entries(saved));
  vi.stubGlobal('localStorage', { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => store.set(k, v) });
  vi.stubGlobal('navigator', { languages, language: languages[0] ?? '' });
  return store;
}

describe("the pages' language", () => {
  beforeEach(() => vi.unstubAllGlobals());
  afterEach(() => vi.unstubAllGlobals());

  it("follows the browser's first English or Chinese language", () => {
    browser(['fr-FR', 'zh-CN', 'en']);
    expect(detectLang()).toBe('zh');
    browser(['de', 'en-GB']);
    expect(detectLang()).toBe('en');
    browser(['de']);
    expect(detectLang()).toBe('en');
  });

  it('prefers the choice saved on any page, in one code', () => {
    const store = browser(['en-US']);
    saveLang('zh');
    expect(store.get('duet.lang')).toBe('zh');
    expect(detectLang()).toBe('zh');
  });

  it('still reads the setup page\'s older "zh-Hans" as Chinese', () => {
    browser(['en-US'], { 'duet.lang': 'zh-Hans' });
    expect(detectLang()).toBe('zh');
  });

  it('ignores a saved value it does not know, and a storage that throws', () => {
    browser(['zh-TW'], { 'duet.lang': 'klingon' });
    expect(detectLang()).toBe('zh');
    vi.stubGlobal('localStorage', {
      getItem: () => {
        throw new Error('private mode');
      },
      setItem: () => {
        throw new Error('private mode');
      },
    });
    expect(detectLang()).toBe('zh');
    expect(() => saveLang('en')).not.toThrow();
    expect(parseLang('en')).toBe('en');
    expect(parseLang(undefined)).toBeUndefined();
  });
});
