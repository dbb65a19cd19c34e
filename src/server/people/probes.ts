/**
 * With DIRECTORY=off nobody is sent a list, but a few answers still tell whether a name is
 * signed in or busy: `login` refused `name-taken`, and `call` answered at once with
 * `unavailable` (offline, busy, or declined for a blocked name or after a decline). The socket
 * layer asks a ProbePacer (admission/probe-pacer.ts) before it gives such an answer, and answers
 * `rate-limited` instead when the address or the server has asked too often.
 */
import type { Step } from './people.js';

export interface ProbePacer {
  /** Takes one answer from `address`'s budget and the server's; false when either is spent. */
  allow(address: string): boolean;
}

/** Does the answer `step` to `event` from `socketId` tell whether some name is online or busy? */
export function revealing(event: string, step: Step<object>, socketId: string): boolean {
  const reply = step.reply as { ok?: boolean; error?: string };
  if (event === 'login') return reply.ok === false && reply.error === 'name-taken';
  if (event === 'call') return reply.ok === true && step.events.some((e) => e.to === socketId && e.event === 'unavailable');
  return false;
}
