/**
 * File names offered by the other person are untrusted: they are shown as text
 * and, once sanitised here, used as the `download` name of the saved file.
 */

/** Longest offered name accepted, in Unicode code points (the common file-system limit). */
export const MAX_NAME_CODE_POINTS = 255;

// C0 and C1 controls, DEL, and the bidirectional formatting characters that can
// make "evil‮gpj.exe" read as "evilexe.jpg" (LRM, RLM, ALM, LRE..RLO, LRI..PDI),
// plus zero-width characters and the byte-order mark that hide parts of a name.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/gu;
// Path separators and the characters Windows forbids in a name.
const FORBIDDEN = /[/\\:*?"<>|]/gu;
// Names Windows reserves for devices, with or without an extension.
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/iu;
const FALLBACK = 'file';

/** Length in code points, so a name of emoji is not cut in half by a UTF-16 count. */
export function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/**
 * A name safe to save under: no controls or bidi overrides, no path separators
 * or Windows-forbidden characters (each becomes `_`), no leading dots or
 * spaces (no hidden files, no `..`), no trailing dots or spaces, no reserved
 * device name, at most 255 code points, never empty.
 */
export function sanitizeFileName(name: string): string {
  const visible = name.normalize('NFC').replace(INVISIBLE, '').replace(FORBIDDEN, '_');
  const trimEnd = (text: string) => text.replace(/[.\s]+$/u, '');
  const trimmed = trimEnd(visible.replace(/^[.\s]+/u, ''));
  const clean = trimEnd([...(RESERVED.test(trimmed) ? `_${trimmed}` : trimmed)].slice(0, MAX_NAME_CODE_POINTS).join(''));
  return clean === '' ? FALLBACK : clean;
}
