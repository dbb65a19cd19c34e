/**
 * The display-name rule of "call someone by name", shared by the server
 * (which enforces it) and the page (which checks before sending). Pure; imports nothing.
 *
 * A name is read in this order:
 * 1. anything that is not a string, or longer than MAX_RAW_NAME_UNITS UTF-16 units, is refused
 *    before any other work (a bound on what a client can make us normalise);
 * 2. NFC normalisation (so "e" + combining acute and "é" are one name of one character);
 * 3. the typographic apostrophe ’ (U+2019, what phones type for ') becomes ';
 * 4. every run of white space of any script (tab, no-break space, ideographic space, line
 *    breaks…) becomes one ordinary space, and the ends are trimmed: "Ann   Lee" is "Ann Lee";
 * 5. 1 to MAX_NAME_LENGTH characters, counted as code points after NFC (like room names: 32
 *    Chinese characters fit; a combining mark that has no precomposed form counts as one);
 * 6. only letters, marks and digits of any script (\p{L}\p{M}\p{N}), space, - _ . and ';
 * 7. at least one letter or digit (".", "- -" or a lone mark are not names);
 * 8. nothing invisible: no default-ignorable code point (variation selectors, the combining
 *    grapheme joiner, Mongolian free variation selectors, Khmer inherent vowels…: marks that
 *    draw nothing, so "Alice" + U+034F would look like "Alice") and no Hangul filler (U+115F,
 *    U+1160, U+3164, U+FFA0: letters that draw nothing);
 * 9. letters from scripts people write together (name-scripts.ts): "Аlice" with a Cyrillic А
 *    is refused, "李 Ann" is not.
 *
 * Names are compared by `nameKey`, never by their display form: NFKC (so full-width "ＡＮＮ"
 * is "ann", "ﬁ" is "fi"), then lower-, upper- and lower-casing with the locale-independent
 * Unicode mappings (so "straße" is "STRASSE" and final sigma matches sigma), then NFKC again.
 * Lower-casing first matters for capital sharp s: "ẞ" lowers to "ß", which upper-cases to "SS";
 * upper-casing first would key "STRAẞE" as "straße" but "straße" as "strasse". With this order
 * the key of a key is itself for every code point.
 * Turkish: dotless ı and I fold with i (one name), dotted İ folds to i + U+0307 (another).
 * The server compares names by a stricter key that also folds look-alikes (people/person-name.ts:
 * the UTS #39 skeleton of this key), so a whole-script imitation (Cyrillic "Асе" for "Ace")
 * cannot sign in while the name it imitates is online.
 */
import { scriptsMixWell } from './name-scripts.js';

export const MAX_NAME_LENGTH = 32;
/** Raw input longer than this (in UTF-16 units) is refused unread. */
export const MAX_RAW_NAME_UNITS = 256;

export type NameCheck = { ok: true; name: string; key: string } | { ok: false };

const ALLOWED = /^[\p{L}\p{M}\p{N} _.'-]+$/u;
const HAS_LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const SPACES = /\s+/gu;
const INVISIBLE = /[\p{Default_Ignorable_Code_Point}\u115F\u1160\u3164\uFFA0]/u;

/** The display form and comparison key of `value`, or `{ok:false}` when it is not a valid name. */
export function checkDisplayName(value: unknown): NameCheck {
  if (typeof value !== 'string' || value.length > MAX_RAW_NAME_UNITS) return { ok: false };
  const name = value
    .normalize('NFC')
    .replace(/\u2019/g, "'")
    .replace(SPACES, ' ')
    .trim();
  const length = codePointLength(name);
  if (length === 0 || length > MAX_NAME_LENGTH) return { ok: false };
  if (!ALLOWED.test(name) || !HAS_LETTER_OR_DIGIT.test(name)) return { ok: false };
  if (INVISIBLE.test(name) || !scriptsMixWell(name)) return { ok: false };
  return { ok: true, name, key: nameKey(name) };
}

export function isDisplayName(value: unknown): value is string {
  return checkDisplayName(value).ok;
}

/** The case- and width-insensitive key two names are compared by (see the module comment). */
export function nameKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().toUpperCase().toLowerCase().normalize('NFKC');
}

/** Orders strings by code point, the same in every locale, browser and Node version. */
export function compareCodePoints(a: string, b: string): number {
  const left = a[Symbol.iterator]();
  const right = b[Symbol.iterator]();
  for (;;) {
    const x = left.next();
    const y = right.next();
    if (x.done || y.done) return x.done === y.done ? 0 : x.done ? -1 : 1;
    const diff = x.value.codePointAt(0)! - y.value.codePointAt(0)!;
    if (diff !== 0) return diff;
  }
}

function codePointLength(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}
