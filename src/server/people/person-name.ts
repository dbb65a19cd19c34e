/**
 * The key the server compares display names by: the case- and width-insensitive `nameKey` of
 * shared/display-name.ts, then the UTS #39 skeleton of it (every character replaced by the
 * prototype it is confusable with: Cyrillic а and Greek α become a, 0 becomes O, m becomes rn),
 * then `nameKey` again (a prototype may be a capital). Two names with one key are one name:
 * while "Ace" is signed in, "Асе" in Cyrillic letters is `name-taken`, and a call to either rings
 * the one signed in. The directory and the ring table key everything by it, in memory and in
 * Redis alike (the Redis backend runs the same pure modules over shared state).
 *
 * The mapping is Unicode's confusables.txt (version 13) as the `unhomoglyph` package ships it,
 * read from disk once, on first use; nothing is fetched.
 */
import { createRequire } from 'node:module';
import { checkDisplayName, nameKey, type NameCheck } from '../../shared/display-name.js';

let prototypes: ReadonlyMap<number, string> | undefined;

function prototypeTable(): ReadonlyMap<number, string> {
  if (!prototypes) {
    const data = createRequire(import.meta.url)('unhomoglyph/data.json') as Record<string, string>;
    prototypes = new Map(
      Object.entries(data)
        .filter(([from]) => [...from].length === 1)
        .map(([from, to]) => [from.codePointAt(0)!, to]),
    );
  }
  return prototypes;
}

/** UTS #39 skeleton: NFD, each code point replaced by its prototype, NFD again. */
export function skeleton(text: string): string {
  const table = prototypeTable();
  let out = '';
  for (const char of text.normalize('NFD')) out += table.get(char.codePointAt(0)!) ?? char;
  return out.normalize('NFD');
}

/** The key names are compared by on the server (see the module comment). */
export function personKey(name: string): string {
  return nameKey(skeleton(nameKey(name)));
}

/** checkDisplayName with the server's key: the display form, and the key that folds look-alikes. */
export function checkPersonName(value: unknown): NameCheck {
  const check = checkDisplayName(value);
  return check.ok ? { ...check, key: personKey(check.name) } : check;
}
