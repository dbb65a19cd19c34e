/**
 * The events of "call someone by name": a fragment of the one event contract,
 * types only; events.ts extends its maps with these. Positional arguments, an optional
 * acknowledgement last, like the room events. Documented in docs/protocol.md.
 */

/** Why a request of this fragment was refused (plus the contract's existing `rate-limited`). */
export type PeopleErrorCode = 'not-logged-in' | 'invalid-name' | 'name-taken' | 'too-many-names' | 'self' | 'already-in-call' | 'no-such-call';

/** Why a call did not ring or stopped ringing, told to the caller by `unavailable`. */
export type UnavailableReason = 'offline' | 'busy' | 'declined' | 'no-answer';

/** One entry of the `people` list. */
export interface Person {
  name: string;
  /** Ringing someone, being rung, or in a call (a room call or a call by name). */
  busy: boolean;
}

export type PeopleRefusal = { ok: false; error: PeopleErrorCode | 'rate-limited' };
export type PeopleAck<T extends object = object> = (reply: ({ ok: true } & T) | PeopleRefusal) => void;

/** The answer to `login`, sent both as its acknowledgement and as the `login` event. */
export type LoginResult = { ok: true; name: string; token: string } | { ok: false; error: 'invalid-name' | 'name-taken' | 'too-many-names' | 'rate-limited' };
export type LoginAck = (reply: LoginResult) => void;

/** Events a client sends to the server. */
export interface PeopleClientToServerEvents {
  /** Claims `name`; `token`, from an earlier result, takes a name back within 15 s of a disconnect. */
  login: (name: string, ...rest: [] | [ack: LoginAck] | [token: string] | [token: string, ack: LoginAck]) => void;
  logout: (ack?: PeopleAck) => void;
  /** Rings `name`; the outcome comes as `ringing` or `unavailable`. */
  call: (name: string, ack?: PeopleAck<{ to: string }>) => void;
  /** Withdraws my ringing call. */
  cancel: (ack?: PeopleAck) => void;
  /** Accepts the ring from `from`; both then get `accepted`. */
  accept: (from: string, ack?: PeopleAck<{ room: string; peer: string }>) => void;
  /** Declines the ring from `from`; its caller may not ring me again for RING_COOLDOWN_S. Never rate-limited. */
  decline: (from: string, ack?: PeopleAck) => void;
  /** Declines any ring from `name` and refuses its rings while I stay signed in on this connection. Never rate-limited. */
  block: (name: string, ack?: PeopleAck) => void;
  /** Ends my call by name. */
  hangup: (ack?: PeopleAck) => void;
}

/** Events the server sends to a client. */
export interface PeopleServerToClientEvents {
  /** The result of `login`, also for clients that sent no acknowledgement. */
  login: (result: LoginResult) => void;
  /**
   * Everyone signed in except you, sorted, at most MAX_LISTED_PEOPLE of them; `total` counts
   * everyone signed in except you. After login and on changes, at most one a second, and held
   * back (the newest one only) while the connection is not reading.
   */
  people: (list: Person[], total: number) => void;
  /** To the person called: `from` is ringing you. */
  incoming: (from: string) => void;
  /** To the caller: your ring reached `to`. */
  ringing: (to: string) => void;
  /** To the caller: `to` cannot or will not take the call. */
  unavailable: (to: string, reason: UnavailableReason) => void;
  /** To the person called: `from` stopped ringing (cancelled, no answer, gone or now busy). */
  cancelled: (from: string) => void;
  /** To both: seated in private `room` with `peer`; the room protocol takes over. */
  accepted: (room: string, peer: string) => void;
  /** To the other person: `by` hung up, left the room or disconnected. */
  hangup: (by: string) => void;
}
