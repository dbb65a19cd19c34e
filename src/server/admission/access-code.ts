/**
 * The ACCESS_CODE check: compares what a handshake carries with the configured code
 * in constant time, hashing both first so neither the length nor a common prefix leaks.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** True when no code is configured, or `auth` is `{code}` with exactly that code. */
export function accessAllowed(expected: string | undefined, auth: unknown): boolean {
  if (expected === undefined) return true;
  const given = typeof auth === 'object' && auth !== null ? (auth as { code?: unknown }).code : undefined;
  if (typeof given !== 'string' || given.length > 4 * expected.length + 64) return false;
  return timingSafeEqual(digest(given), digest(expected));
}
