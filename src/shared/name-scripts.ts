/**
 * Which scripts a display name mixes, and whether the mix is one people really write (UTS #39
 * section 5.2, "Moderately Restrictive"), so that "Аlice" with a Cyrillic А is refused while
 * "李 Ann" and "Ann 山田さん" are not. Pure; reads only the Unicode data built into the
 * JavaScript engine (`\p{Script_Extensions=…}`).
 *
 * A name passes when
 * - all its letters share one script (digits, spaces, punctuation and combining marks belong to
 *   every script; a letter used by several scripts, like the Japanese long-vowel mark, counts
 *   for each of them), or
 * - it is Latin with Han and Hiragana/Katakana (Japanese), Han and Bopomofo (Chinese), or Han
 *   and Hangul (Korean), or
 * - it is Latin plus one other script that is neither Cyrillic nor Greek (the two whose letters
 *   imitate Latin ones).
 */

/** The scripts told apart (UAX #31's recommended ones and a few more); any other letter counts as `Other`. */
const SCRIPTS = [
  'Latin',
  'Greek',
  'Cyrillic',
  'Armenian',
  'Hebrew',
  'Arabic',
  'Syriac',
  'Thaana',
  'Nko',
  'Devanagari',
  'Bengali',
  'Gurmukhi',
  'Gujarati',
  'Oriya',
  'Tamil',
  'Telugu',
  'Kannada',
  'Malayalam',
  'Sinhala',
  'Thai',
  'Lao',
  'Tibetan',
  'Myanmar',
  'Georgian',
  'Hangul',
  'Ethiopic',
  'Cherokee',
  'Canadian_Aboriginal',
  'Mongolian',
  'Khmer',
  'Hiragana',
  'Katakana',
  'Bopomofo',
  'Han',
  'Tifinagh',
  'Javanese',
  'Balinese',
  'Sundanese',
  'Vai',
  'Yi',
  'Lisu',
  'Adlam',
] as const;
const TESTS = SCRIPTS.map((script) => [script, new RegExp(`\\p{Script_Extensions=${script}}`, 'u')] as const);
const COMMON = /^[\p{Script_Extensions=Common}\p{Script_Extensions=Inherited}]$/u;
/** Most names: Latin letters, digits, spaces and marks only (no need to look further). */
const ONLY_LATIN = /^[\p{Script_Extensions=Latin}\p{Script_Extensions=Common}\p{Script_Extensions=Inherited}]*$/u;

/** The writing systems a script takes part in, so Han meets Hiragana in Japanese and Hangul in Korean. */
const WRITING: Readonly<Record<string, readonly string[]>> = {
  Han: ['Han', 'Japanese', 'Korean', 'Chinese'],
  Hiragana: ['Hiragana', 'Japanese'],
  Katakana: ['Katakana', 'Japanese'],
  Hangul: ['Hangul', 'Korean'],
  Bopomofo: ['Bopomofo', 'Chinese'],
};
const LOOKALIKES_OF_LATIN = new Set(['Cyrillic', 'Greek']);

/** The scripts `char` belongs to (with the writing systems of Han and its companions); empty for Common and Inherited. */
function scriptsOf(char: string): Set<string> {
  if (COMMON.test(char)) return new Set();
  const found = TESTS.filter(([, test]) => test.test(char)).flatMap(([script]) => WRITING[script] ?? [script]);
  return new Set(found.length > 0 ? found : ['Other']);
}

function intersect(sets: readonly Set<string>[]): Set<string> | undefined {
  if (sets.length === 0) return undefined; // nothing to restrict: any script
  return sets.reduce((left, right) => new Set([...left].filter((s) => right.has(s))));
}

/** True when the letters of `name` come from scripts people write together (see the module comment). */
export function scriptsMixWell(name: string): boolean {
  if (ONLY_LATIN.test(name)) return true;
  const sets = [...name].map(scriptsOf).filter((set) => set.size > 0);
  const all = intersect(sets);
  if (all === undefined || all.size > 0) return true; // one script
  const rest = intersect(sets.filter((set) => !set.has('Latin')));
  if (rest === undefined || rest.size === 0) return false; // several scripts besides Latin
  return [...rest].some((script) => !LOOKALIKES_OF_LATIN.has(script));
}
