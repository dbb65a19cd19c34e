/**
 * What the people page shows, as plain data (no DOM): who I am, who is online, the ring
 * going out or coming in, the call, and the last outcome told in #status.
 */
import type { PeopleErrorCode, Person, UnavailableReason } from '../../../shared/people-events.js';

/** Something that happened, told in plain words on the list (people.out.* and people.err.* strings). */
export type Outcome =
  { kind: UnavailableReason | 'missed' | 'hungup' | 'ended' | 'lost'; name: string } | { kind: 'error'; code: PeopleErrorCode | 'rate-limited' };

export type Phase = 'connecting' | 'signed-out' | 'signing-in' | 'list' | 'outgoing' | 'incoming' | 'call';

export interface PeopleState {
  connected: boolean;
  /** My name once signed in. */
  me: string | undefined;
  /** A login sent and not answered yet. */
  signingIn: boolean;
  people: Person[];
  /** How many people are online besides me (the list may show fewer). */
  total: number;
  /** Name keys I blocked on this page: their rings are refused, and never shown. */
  blocked: string[];
  /** The person I am ringing, and whether the ring reached them. */
  outgoing: { to: string; ringing: boolean } | undefined;
  /** The people ringing me, oldest first; the first is the one shown. */
  incoming: string[];
  /** The call in progress (the private room is never shown). */
  call: { room: string; peer: string } | undefined;
  outcome: Outcome | undefined;
}

export const INITIAL_STATE: PeopleState = {
  connected: false,
  me: undefined,
  signingIn: false,
  people: [],
  total: 0,
  blocked: [],
  outgoing: undefined,
  incoming: [],
  call: undefined,
  outcome: undefined,
};

/** The one screen to show for `s`. */
export function phaseOf(s: PeopleState): Phase {
  if (s.call) return 'call';
  if (!s.connected && !s.me) return 'connecting';
  if (!s.me) return s.signingIn ? 'signing-in' : 'signed-out';
  if (s.incoming.length > 0) return 'incoming';
  if (s.outgoing) return 'outgoing';
  return 'list';
}
