/**
 * duet's metrics in a prom-client Registry of its own (never the global default one,
 * so two servers in one process do not clash): gauges read at scrape time from
 * sources the composition root sets, and counters of admissions, relayed messages and
 * refusals. Every label has a small fixed set of values: no room names, socket ids or
 * user names. The relay count on the hot path is a plain integer; prom-client learns
 * of it at scrape time. Creating it starts nothing; collectProcessMetrics does.
 */
import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import { ERROR_TEXT } from '../../shared/errors.js';
import type { ErrorCode } from '../../shared/events.js';
import type { PeopleErrorCode } from '../../shared/people-events.js';

export type RelayType = 'offer' | 'answer' | 'candidate' | 'other';
export type AdmissionResult = 'joined' | 'already-in-room' | 'full' | 'too-many-rooms';
export type RefusalCode = ErrorCode | PeopleErrorCode;
/** Why the ACCESS_CODE gate refused a handshake. */
export type AccessRefusal = 'wrong-code' | 'address-limit' | 'server-lockout';

/** What the socket layer reports: cheap calls that change nothing it does. */
export interface SignalingMetrics {
  /** A message was relayed to the other seat. */
  relayed(data: unknown): void;
  /** A client was answered with error `code` (ack or `error` event). */
  refused(code: RefusalCode): void;
}

/** What the seat owner reports (rooms/seats.ts): every seat request, and the seats freed through this node. */
export interface SeatMetrics {
  admitted(result: AdmissionResult): void;
  /** `count` seats held through this node were freed. */
  unseated(count: number): void;
}

/** Gauges read from a function at every scrape. */
export type GaugeSource = 'connectedSockets' | 'openRooms' | 'signedInNames';
/** A gauge's reading; a shared store may answer asynchronously. A source that fails reads NaN. */
export type GaugeRead = () => number | Promise<number>;

/** What the access gate reports (admission/access-gate.ts). */
export interface AccessMetrics {
  /** A handshake was refused by the ACCESS_CODE gate, and why. */
  accessRefused(reason: AccessRefusal): void;
  /** The server-wide budget of wrong codes was spent: every code is refused for a while. */
  lockedOut(): void;
}

export interface DuetMetrics extends SignalingMetrics, SeatMetrics, AccessMetrics {
  readonly registry: Registry;
  /** Gauge `name` reads `read()` at every scrape from now on (all read 0 until set). */
  setSource(name: GaugeSource, read: GaugeRead): void;
}

/** Every result a seat request can have: a compile error here when the store gains one. */
const ADMISSION_RESULTS: Record<AdmissionResult, true> = { joined: true, 'already-in-room': true, full: true, 'too-many-rooms': true };
const RELAY_TYPES: readonly RelayType[] = ['offer', 'answer', 'candidate', 'other'];
const ACCESS_REFUSALS: readonly AccessRefusal[] = ['wrong-code', 'address-limit', 'server-lockout'];
/** The refusals of calls by name, listed next to the room protocol's ERROR_TEXT codes. */
const PEOPLE_CODES: Record<PeopleErrorCode, true> = {
  'not-logged-in': true,
  'invalid-name': true,
  'name-taken': true,
  'too-many-names': true,
  self: true,
  'already-in-call': true,
  'no-such-call': true,
};

const GAUGES: Record<GaugeSource, { name: string; help: string }> = {
  connectedSockets: { name: 'duet_connected_sockets', help: 'Socket.IO connections open on this node.' },
  openRooms: { name: 'duet_open_rooms', help: 'Rooms with at least one seat taken.' },
  signedInNames: { name: 'duet_signed_in_names', help: 'Names signed in for calls by name.' },
};

/** A counter with one label, counted in plain integers and handed to prom-client at scrape time. */
function tally<V extends string>(registry: Registry, name: string, help: string, label: string, values: readonly V[]) {
  const counts = new Map<string, number>(values.map((value) => [value, 0]));
  const reported = new Map<string, number>();
  new Counter({
    name,
    help,
    labelNames: [label],
    registers: [registry],
    collect() {
      for (const [value, count] of counts) {
        this.inc({ [label]: value }, count - (reported.get(value) ?? 0));
        reported.set(value, count);
      }
    },
  });
  return (value: V) => counts.set(value, (counts.get(value) ?? 0) + 1);
}

/** The kind of a relayed payload, from its `type` field (the tutorial's shape). */
export function relayType(data: unknown): RelayType {
  if (typeof data !== 'object' || data === null) return 'other';
  const type = (data as { type?: unknown }).type;
  return type === 'offer' || type === 'answer' || type === 'candidate' ? type : 'other';
}

export function createMetrics(): DuetMetrics {
  const registry = new Registry();
  const sources: Record<GaugeSource, GaugeRead> = { connectedSockets: () => 0, openRooms: () => 0, signedInNames: () => 0 };
  for (const key of Object.keys(GAUGES) as GaugeSource[]) {
    new Gauge({
      ...GAUGES[key],
      registers: [registry],
      async collect() {
        try {
          this.set(await sources[key]());
        } catch {
          this.set(NaN);
        }
      },
    });
  }
  const seated = new Gauge({ name: 'duet_seated_people', help: 'Seats held by sockets connected to this node.', registers: [registry] });
  const admitted = tally(registry, 'duet_admissions_total', 'Seat requests by result.', 'result', Object.keys(ADMISSION_RESULTS) as AdmissionResult[]);
  const relayed = tally(registry, 'duet_relayed_messages_total', 'Messages relayed to the other seat, by type.', 'type', RELAY_TYPES);
  const codes = [...Object.keys(ERROR_TEXT), ...Object.keys(PEOPLE_CODES)] as RefusalCode[];
  const refused = tally(registry, 'duet_refusals_total', 'Requests answered with an error, by code.', 'code', codes);
  const accessRefused = tally(registry, 'duet_access_refusals_total', 'Handshakes refused by the ACCESS_CODE gate, by reason.', 'reason', ACCESS_REFUSALS);
  const lockouts = new Counter({
    name: 'duet_access_lockouts_total',
    help: 'Times the server-wide budget of wrong access codes was spent.',
    registers: [registry],
  });
  return {
    registry,
    setSource(name, read) {
      sources[name] = read;
    },
    admitted(result) {
      admitted(result);
      if (result === 'joined') seated.inc();
    },
    unseated(count) {
      seated.dec(count);
    },
    relayed(data) {
      relayed(relayType(data));
    },
    refused,
    accessRefused,
    lockedOut: () => lockouts.inc(),
  };
}

/**
 * Adds prom-client's default process metrics (CPU, memory, event loop, GC, handles)
 * to `registry`. They observe the whole process and cannot be stopped, so only the
 * composition root calls this, once, when metrics are served.
 */
export function collectProcessMetrics(registry: Registry): void {
  collectDefaultMetrics({ register: registry });
}
