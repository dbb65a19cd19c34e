/**
 * The two string tables: the same keys, the same {placeholders}, and no English
 * left over in the Chinese text.
 */
import { describe, expect, it } from 'vitest';
import { en } from '../../src/public/js/i18n/strings-en.js';
import { zh } from '../../src/public/js/i18n/strings-zh.js';

/** Latin words the Chinese text may keep on purpose: names of products, protocols and keys. */
const ALLOWED_LATIN = new Set([
  'duet',
  'WebRTC',
  'CA',
  'TURN',
  'STUN',
  'NAT',
  'UDP',
  'TCP',
  'coturn',
  'QR',
  'https',
  'Chrome',
  'Edge',
  'Firefox',
  'Safari',
  'Shift',
  'Esc',
  'Enter',
  'M',
  'V',
  'A',
  'W',
  'D',
  'F',
  'C',
  'I',
  'H',
  'LAN',
  'IP',
  'Wi-Fi',
  'localhost',
]);

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('the page strings', () => {
  it('have the same keys in English and Chinese', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });

  it('use the same {placeholders} in both languages', () => {
    for (const key of Object.keys(en) as Array<keyof typeof en>) expect([key, placeholders(zh[key])]).toEqual([key, placeholders(en[key])]);
  });

  it('have no English words in parentheses in the Chinese text', () => {
    const leftovers = Object.entries(zh).filter(([, text]) =>
      [...text.replace(/\{\w+\}/g, '').matchAll(/[(（]([^)）]*)[)）]/g)].some((m) =>
        ((m[1] ?? '').match(/[A-Za-z][A-Za-z-]*/g) ?? []).some((w) => !ALLOWED_LATIN.has(w)),
      ),
    );
    expect(leftovers).toEqual([]);
  });

  it('have no English words outside the allowed names in the Chinese text', () => {
    const stray = Object.entries(zh).flatMap(([key, text]) =>
      (text.replace(/\{\w+\}/g, '').match(/[A-Za-z][A-Za-z-]*/g) ?? []).filter((w) => !ALLOWED_LATIN.has(w)).map((w) => `${key}: ${w}`),
    );
    expect(stray).toEqual([]);
  });
});
