/**
 * Look-alike names: invisible characters and Hangul fillers are refused, names that mix scripts
 * to imitate Latin are refused, and the server's key folds confusables (UTS #39 skeletons).
 */
import { describe, expect, it } from 'vitest';
import { checkDisplayName } from '../../src/shared/display-name.js';
import { scriptsMixWell } from '../../src/shared/name-scripts.js';
import { checkPersonName, personKey, skeleton } from '../../src/server/people/person-name.js';
import { INVISIBLE_VARIANTS } from '../support/lookalikes.js';

describe('names that draw as another name', () => {
  it.each(INVISIBLE_VARIANTS.map((name) => [JSON.stringify(name), name]))('refuses %s', (_, name) => {
    expect(checkDisplayName(name)).toEqual({ ok: false });
    expect(checkPersonName(name)).toEqual({ ok: false });
  });

  it('refuses every default-ignorable code point and Hangul filler, inside a name or alone', () => {
    for (const invisible of ['\u034F', '\uFE00', '\u180D', '\u180F', '\u17B5', '\u1160', '\uFFA0', '\u3164', '\u115F', '\u{E01EF}', '\u{1BCA0}']) {
      expect(checkDisplayName(`Al${invisible}ice`), invisible.codePointAt(0)!.toString(16)).toEqual({ ok: false });
      expect(checkDisplayName(invisible)).toEqual({ ok: false });
    }
  });

  it('refuses Latin mixed with Cyrillic or Greek letters ("Аlice" with a Cyrillic А, "Bοb" with a Greek ο)', () => {
    for (const name of ['\u0410lice', 'Bo\u0431', 'B\u03BFb', 'Ann \u0410nn']) {
      expect(checkDisplayName(name), name).toEqual({ ok: false });
    }
  });

  it('accepts names in one script, and the mixes people write (Latin with Han, kana or Hangul)', () => {
    for (const name of ['Alice', 'Анна', 'Ελένη', '张伟', 'Ann 李', '山田さん Ann', 'ヤマダ ハナコ', '김 Kim', 'Ramón', 'नमस्ते', 'Ann2', 'محمد Ali']) {
      expect(scriptsMixWell(name), name).toBe(true);
      expect(checkDisplayName(name).ok, name).toBe(true);
    }
  });

  it('refuses two scripts besides Latin that are never written together', () => {
    expect(scriptsMixWell('Анна Ελένη')).toBe(false);
    expect(scriptsMixWell('محمد אבי')).toBe(false);
  });
});

describe("the server's name key", () => {
  it('folds confusables across scripts: a Cyrillic "Асе" is the name "Ace"', () => {
    expect(personKey('\u0410\u0441\u0435')).toBe(personKey('Ace'));
    expect(checkPersonName('\u0410\u0441\u0435')).toMatchObject({ ok: true, key: personKey('ace') });
  });

  it('folds digits and letter pairs that draw alike, whatever their case', () => {
    expect(personKey('B0B')).toBe(personKey('bob'));
    expect(personKey('Sam')).toBe(personKey('Sarn'));
    expect(skeleton('m')).toBe('rn');
  });

  it('keeps case- and width-insensitivity, and tells different names apart', () => {
    expect(personKey('ALICE')).toBe(personKey('alice'));
    expect(personKey('ＡＬＩＣＥ')).toBe(personKey('Alice'));
    expect(personKey('Alice')).not.toBe(personKey('Alicia'));
    expect(personKey('张伟')).not.toBe(personKey('张三'));
  });
});
