/**
 * Short-lived TURN credentials in coturn's TURN REST API scheme (`use-auth-secret`):
 * the username is `<unix expiry>:<id>` and the password is
 * base64(HMAC-SHA1(secret, username)). coturn recomputes the password from the
 * shared secret and refuses the username once its expiry has passed, so the
 * secret itself never leaves duet.
 */
import { createHmac, randomBytes } from 'node:crypto';

export interface TurnCredentials {
  readonly username: string;
  readonly credential: string;
  /** When coturn stops accepting them, in Unix seconds (the username's first part). */
  readonly expiresAt: number;
}

/** The password coturn expects for `username` under `secret`. */
export function turnPassword(secret: string, username: string): string {
  return createHmac('sha1', secret).update(username).digest('base64');
}

/** A fresh random id for the username's second part (16 hex digits, no `:`). */
export function credentialId(): string {
  return randomBytes(8).toString('hex');
}

/** Credentials valid for `ttlS` seconds from `nowMs`. */
export function issueTurnCredentials(secret: string, ttlS: number, nowMs: number, id: string = credentialId()): TurnCredentials {
  const expiresAt = Math.floor(nowMs / 1000) + ttlS;
  const username = `${expiresAt}:${id}`;
  return Object.freeze({ username, credential: turnPassword(secret, username), expiresAt });
}
