/**
 * One benchmark client seat over a raw `ws` WebSocket, for each server's own
 * protocol. The same client library drives all three servers, so only the
 * servers differ: duet (Socket.IO's Engine.IO v4 framing, spoken directly),
 * the plain ws relay (JSON frames) and peerjs-server (its OPEN/OFFER/ANSWER/CANDIDATE messages).
 */
import type { Agent } from 'node:https';
import { WebSocket } from 'ws';
import { peerjsMessages, tutorial, type Template } from './payloads.js';

/**
 * `sio`: the bare Socket.IO relay (bench/baseline-sio.ts), spoken to exactly like duet.
 * `duet-b`: a second duet build (BENCH_DUET_B=<its dist folder>) for A/B comparisons of server changes.
 */
export type Kind = 'duet' | 'duet-b' | 'sio' | 'ws' | 'peerjs';
export const KINDS: readonly Kind[] = ['duet', 'sio', 'ws', 'peerjs'];
export const ALL_KINDS: readonly Kind[] = [...KINDS, 'duet-b'];
type Protocol = 'duet' | 'ws' | 'peerjs';
const protocolOf = (kind: Kind): Protocol => (kind === 'duet-b' || kind === 'sio' ? 'duet' : kind);

export interface Seat {
  readonly socket: WebSocket;
  /** The offer (seat a) or the answer (seat b), framed for this server. */
  readonly description: Template;
  readonly candidates: readonly Template[];
  /** Called with every relayed signaling frame. */
  onRelay: (text: string) => void;
}

export interface SeatOptions {
  kind: Kind;
  port: number;
  ca: string;
  room: string;
  seat: 'a' | 'b';
  /** Only connect (idle capacity): no room join. */
  idle?: boolean;
  timeoutMs?: number;
  /** An https.Agent, e.g. one that resumes TLS sessions. */
  agent?: Agent;
}

function frame(kind: Protocol, room: string, t: Template): Template {
  if (kind === 'duet') return { head: `42["message",${JSON.stringify(room)},${t.head}`, tail: `${t.tail}]` };
  if (kind === 'ws') return { head: `{"type":"message","room":${JSON.stringify(room)},"data":${t.head}`, tail: `${t.tail}}` };
  return t;
}

function urlOf(o: SeatOptions & { kind: Protocol }): string {
  const base = `wss://127.0.0.1:${o.port}`;
  if (o.kind === 'duet') return `${base}/socket.io/?EIO=4&transport=websocket`;
  if (o.kind === 'peerjs') return `${base}/peerjs?key=peerjs&id=${o.room}-${o.seat}&token=t${o.seat}`;
  return `${base}/`;
}

const RELAY_PREFIX: Record<Protocol, readonly string[]> = {
  duet: ['42["message"'],
  ws: ['{"type":"message"'],
  peerjs: ['{"type":"OFFER"', '{"type":"ANSWER"', '{"type":"CANDIDATE"'],
};

export function openSeat(options: SeatOptions): Promise<Seat> {
  const o = { ...options, kind: protocolOf(options.kind) };
  const socket = new WebSocket(urlOf(o), { ca: o.ca, perMessageDeflate: false, agent: o.agent });
  let messages: { description: Template; candidates: Template[] };
  if (o.kind === 'peerjs') {
    const m = peerjsMessages(`${o.room}-${o.seat === 'a' ? 'b' : 'a'}`, `mc_${o.room}`);
    messages = { description: o.seat === 'a' ? m.offer : m.answer, candidates: m.candidates };
  } else {
    messages = { description: o.seat === 'a' ? tutorial.offer : tutorial.answer, candidates: tutorial.candidates };
  }
  const seat: Seat = {
    socket,
    description: frame(o.kind, o.room, messages.description),
    candidates: messages.candidates.map((t) => frame(o.kind, o.room, t)),
    onRelay: () => {},
  };
  const prefixes = RELAY_PREFIX[o.kind];
  return new Promise((resolve, reject) => {
    let ready = false;
    const timer = setTimeout(() => fail(new Error(`${o.kind} seat ${o.room}-${o.seat} not ready in time`)), o.timeoutMs ?? 30_000);
    function fail(error: Error) {
      clearTimeout(timer);
      socket.terminate();
      reject(error);
    }
    function done() {
      ready = true;
      clearTimeout(timer);
      resolve(seat);
    }
    socket.on('error', (error) => (ready ? undefined : fail(error)));
    socket.on('close', () => (ready ? undefined : fail(new Error(`${o.kind} seat closed before it was ready`))));
    socket.on('open', () => {
      if (o.kind === 'ws') return o.idle ? done() : socket.send(JSON.stringify({ type: 'join', room: o.room }));
    });
    socket.on('message', (raw: Buffer) => {
      const text = raw.toString();
      if (o.kind === 'duet' && text === '2') return socket.send('3'); // Engine.IO ping
      if (ready) {
        for (const prefix of prefixes) if (text.startsWith(prefix)) return seat.onRelay(text);
        return;
      }
      if (o.kind === 'duet') {
        if (text.startsWith('0{')) socket.send('40');
        else if (text.startsWith('40')) o.idle ? done() : socket.send(`42["join",${JSON.stringify(o.room)}]`);
        else if (text.startsWith('42["joined"')) done();
        else if (text.startsWith('42["full"') || text.startsWith('42["error"')) fail(new Error(`duet refused: ${text.slice(0, 80)}`));
      } else if (o.kind === 'ws') {
        if (text.startsWith('{"type":"joined"')) done();
        else if (text.startsWith('{"type":"full"')) fail(new Error('ws relay: room full'));
      } else if (text.startsWith('{"type":"OPEN"')) done();
      else if (text.includes('"ERROR"') || text.includes('"ID-TAKEN"')) fail(new Error(`peerjs refused: ${text.slice(0, 80)}`));
    });
  });
}

/** Sends `t` with the current time in its `sentAt` slot. */
export function sendStamped(seat: Seat, t: Template, at: number): void {
  seat.socket.send(t.head + at.toFixed(4) + t.tail);
}
