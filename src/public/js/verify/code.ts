/**
 * The verification code both people read aloud: nine digits in three groups
 * ("123 456 789"), the same on both sides, derived from the two DTLS
 * certificate fingerprints in use. A server that swapped the fingerprints to
 * sit in the middle holds two connections with different certificates, so the
 * two people see different codes (docs/page.md).
 *
 * Digits read the same in English and Chinese. Nine digits are about 30 bits;
 * the derivation is PBKDF2-HMAC-SHA-256 with many iterations rather than one
 * SHA-256, so an attacker grinding certificates until the codes collide pays
 * that cost for every try, while each person pays it once.
 */
import type { Fingerprint } from './fingerprints.js';

export const CODE_DIGITS = 9;
export const CODE_ITERATIONS = 100_000;
const SALT = 'duet verification code v1';

/** The canonical text of a fingerprint pair: each as "algorithm VALUE", sorted, so both sides agree. */
export function codeInput(a: Fingerprint, b: Fingerprint): string {
  return [a, b]
    .map((f) => `${f.algorithm} ${f.value}`)
    .sort()
    .join('\n');
}

/** Groups digits by three: "123456789" → "123 456 789". */
export function formatCode(digits: string): string {
  return digits.replace(/(\d{3})(?=\d)/gu, '$1 ');
}

/**
 * The code for a connection from its local and remote fingerprints (in either
 * order). `subtle` is WebCrypto's (the page's, or Node's in tests).
 */
export async function verificationCode(local: Fingerprint, remote: Fingerprint, subtle: SubtleCrypto = crypto.subtle): Promise<string> {
  const encoder = new TextEncoder();
  const key = await subtle.importKey('raw', encoder.encode(codeInput(local, remote)), 'PBKDF2', false, ['deriveBits']);
  const bits = await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: encoder.encode(SALT), iterations: CODE_ITERATIONS }, key, 64);
  const number = new DataView(bits).getBigUint64(0) % 10n ** BigInt(CODE_DIGITS); // bias below 1e-10
  return formatCode(number.toString().padStart(CODE_DIGITS, '0'));
}
