/**
 * Room names: generated ones that are easy to read aloud (consonant-vowel
 * syllables, 12 of them: about 76 bits from crypto.getRandomValues), the
 * server's validity rule, and room links.
 */
import { isRoomName } from '../../../shared/room-name.js';

export { isRoomName };

const CONSONANTS = 'bdfghjklmnprstvz'; // 16
const VOWELS = 'aeiou'; // 5
const SYLLABLES = CONSONANTS.length * VOWELS.length; // 80 → 6.32 bits each
const GROUPS = 4;
const PER_GROUP = 3;

/** Uniform integers below `SYLLABLES`, by rejection sampling of random bytes. */
function randomSyllables(count: number): number[] {
  const out: number[] = [];
  const limit = 256 - (256 % SYLLABLES); // 240
  while (out.length < count) {
    const bytes = crypto.getRandomValues(new Uint8Array(count * 2));
    for (const b of bytes) if (b < limit && out.length < count) out.push(b % SYLLABLES);
  }
  return out;
}

/** e.g. "bodaki-mesupo-tanilu-ravoke" (log2(80^12) ≈ 75.9 bits). */
export function generateRoomName(): string {
  const picks = randomSyllables(GROUPS * PER_GROUP);
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    let word = '';
    for (let s = 0; s < PER_GROUP; s++) {
      const n = picks[g * PER_GROUP + s]!;
      word += CONSONANTS[Math.floor(n / VOWELS.length)]! + VOWELS[n % VOWELS.length]!;
    }
    groups.push(word);
  }
  return groups.join('-');
}

export const ROOM_NAME_BITS = GROUPS * PER_GROUP * Math.log2(SYLLABLES);

export function roomUrl(room: string, origin = location.origin): string {
  return `${origin}/r/${encodeURIComponent(room)}`;
}

/** The room of a `/r/<room>` path, or undefined. */
export function roomFromPath(pathname: string): string | undefined {
  const match = /^\/r\/([^/]+)\/?$/.exec(pathname);
  if (!match) return undefined;
  try {
    const room = decodeURIComponent(match[1]!);
    return isRoomName(room) ? room : undefined;
  } catch {
    return undefined;
  }
}
