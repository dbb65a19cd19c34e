/**
 * The one event contract of duet: the learn.webrtc.com tutorial protocol
 * (positional arguments), plus an optional acknowledgement as the last argument.
 * Types only: used by the server, the tests and the browser code.
 * The wire format is documented in docs/protocol.md. The call-by-name events
 * live in their own fragment, people-events.ts, and are part of these maps.
 */
import type { PeopleClientToServerEvents, PeopleErrorCode, PeopleServerToClientEvents } from './people-events.js';
import type { TurnReply } from './api.js';

export type { LoginResult, Person, UnavailableReason } from './people-events.js';

/** Error codes sent in `error` events and error acknowledgements. */
export type ErrorCode =
  | 'invalid-room'
  | 'room-full'
  | 'not-in-room'
  | 'already-in-room'
  | 'invalid-message'
  | 'message-too-large'
  | 'rate-limited'
  | 'peer-congested'
  | 'too-many-rooms'
  | 'server-shutting-down'
  | PeopleErrorCode
  | 'unavailable';

export type AckOk<T extends object = object> = { ok: true } & T;
export type AckError = { ok: false; error: ErrorCode };
export type Ack<T extends object = object> = (reply: AckOk<T> | AckError) => void;

/** A session description as the tutorial sends it. */
export interface DescriptionMessage {
  type: 'offer' | 'answer' | 'pranswer' | 'rollback';
  sdp: string;
}

/** An ICE candidate as the tutorial sends it. */
export interface CandidateMessage {
  type: 'candidate';
  label: number | null;
  id: string | null;
  candidate: string;
}

/** What peers may relay to each other: the tutorial lets clients send anything JSON-like. */
export type SignalData = DescriptionMessage | CandidateMessage | string | number | boolean | null | object;

/** Events a client sends to the server. */
export interface ClientToServerEvents extends PeopleClientToServerEvents {
  join: (room: string, ack?: Ack<{ room: string; id: string; peers: number }>) => void;
  leave: (room: string, ack?: Ack<{ room: string }>) => void;
  message: (room: string, data: SignalData, ack?: Ack) => void;
  /** One fresh TURN credential for this page (rate-limited per address; turn/turn-socket.ts). */
  'turn-credentials': (ack: (reply: TurnReply) => void) => void;
}

/** Events the server sends to a client. */
export interface ServerToClientEvents extends PeopleServerToClientEvents {
  /** To the joiner: you are in `room`, your id is `id`. */
  joined: (room: string, id: string) => void;
  /** To the peer already inside: `id` joined `room`; you make the offer. */
  otherjoin: (room: string, id: string) => void;
  /** To a third joiner: `room` has two peers already; you were not admitted. */
  full: (room: string, id: string) => void;
  /** To the leaver: you left `room`. */
  leaved: (room: string, id: string) => void;
  /** To the remaining peer: `id` left `room` or disconnected. */
  bye: (room: string, id: string) => void;
  /** Relayed from the other peer of `room`. */
  message: (room: string, data: SignalData) => void;
  /** A refused request, for clients that send no acknowledgement. */
  error: (error: { code: ErrorCode; event: string; message: string }) => void;
}

/**
 * Events between server nodes (none: with REDIS_URL the nodes share state in Redis
 * and reach each other's sockets through the Socket.IO adapter, by socket id).
 */
export type InterServerEvents = Record<string, never>;

/** Per-socket data kept by Socket.IO. */
export interface SocketData {
  /** The client's address as per-address limits count it (IPv6: its /64; limits/client-address.ts), also for logs. */
  address: string;
  /** Set while the socket is being rate-limited (one warning per episode). */
  throttled?: boolean;
  /** When relays to this socket started to be refused because too much waits for it (see backpressure.ts). */
  congestedSince?: number;
}
