/**
 * A load-generator process: holds both seats of its rooms and runs negotiations
 * on command, all at once (burst) or started at a steady rate (paced).
 * Commands: open, run, close.
 */
import { MESSAGES_PER_NEGOTIATION, now, sentAtOf } from './payloads.js';
import { serve } from './rpc.js';
import { openSeat, sendStamped, type Kind, type Seat } from './wire.js';

export interface OpenArgs {
  kind: Kind;
  port: number;
  ca: string;
  rooms: string[];
  concurrency: number;
  /** Seat b connects to this port instead (another node of the same duet). */
  portB?: number;
}

export interface RunArgs {
  mode: 'burst' | 'paced';
  /** How many of this process's rooms negotiate. */
  rooms: number;
  /** Paced mode: negotiations started per second by this process. */
  rate: number;
  timeoutMs: number;
}

export interface RunResult {
  startedAt: number;
  finishedAt: number;
  messages: number;
  /** One-way relay latency of every message, ms. */
  latencies: number[];
  /** Start of each negotiation to its last message, ms. */
  negotiations: number[];
  /** CPU time this process used during the run, ms. */
  cpuMs: number;
}

interface Room {
  a: Seat;
  b: Seat;
  received: number;
  receivedByB: number;
  startedAt: number;
}

let rooms: Room[] = [];

async function pool<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

/** ms: opening every room; joinMs: each seat's connect-and-join time. */
async function open(args: OpenArgs): Promise<{ ms: number; joinMs: number[] }> {
  const t0 = now();
  const joinMs: number[] = [];
  const timed = async (options: Parameters<typeof openSeat>[0]) => {
    const started = now();
    const seat = await openSeat(options);
    joinMs.push(now() - started);
    return seat;
  };
  const opened: Room[] = new Array(args.rooms.length);
  await pool(
    args.rooms.map((room, i) => ({ room, i })),
    args.concurrency,
    async ({ room, i }) => {
      const base = { kind: args.kind, port: args.port, ca: args.ca, room };
      const a = await timed({ ...base, seat: 'a' });
      const b = await timed({ ...base, seat: 'b', port: args.portB ?? args.port });
      opened[i] = { a, b, received: 0, receivedByB: 0, startedAt: 0 };
    },
  );
  rooms = opened;
  return { ms: now() - t0, joinMs };
}

function send(seat: Seat): void {
  sendStamped(seat, seat.description, now());
  for (const candidate of seat.candidates) sendStamped(seat, candidate, now());
}

function run(args: RunArgs): Promise<RunResult> {
  const count = Math.min(args.rooms, rooms.length);
  const latencies = new Float64Array(count * MESSAGES_PER_NEGOTIATION);
  const negotiations: number[] = [];
  let messages = 0;
  let finished = 0;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args.mode}: ${finished}/${count} negotiations finished within ${args.timeoutMs} ms`)), args.timeoutMs);
    const startedAt = now();
    const cpu0 = process.cpuUsage();
    const arrive = (room: Room, text: string) => {
      const at = now();
      latencies[messages++] = at - sentAtOf(text);
      room.received++;
      if (room.received === MESSAGES_PER_NEGOTIATION) {
        negotiations.push(at - room.startedAt);
        if (++finished === count) {
          clearTimeout(timer);
          const cpu = process.cpuUsage(cpu0);
          resolve({
            startedAt,
            finishedAt: at,
            messages,
            cpuMs: (cpu.user + cpu.system) / 1000,
            latencies: Array.from(latencies.subarray(0, messages)),
            negotiations,
          });
        }
      }
    };
    for (const room of rooms.slice(0, count)) {
      room.received = 0;
      room.receivedByB = 0;
      room.a.onRelay = (text) => arrive(room, text);
      room.b.onRelay = (text) => {
        if (++room.receivedByB === 1) send(room.b); // the offer came: answer it, then trickle candidates
        arrive(room, text);
      };
    }
    const start = (room: Room) => {
      room.startedAt = now();
      send(room.a);
    };
    if (args.mode === 'burst') {
      for (let i = 0; i < count; i++) start(rooms[i]!);
      return;
    }
    let started = 0;
    const tick = () => {
      const due = Math.min(count, Math.floor(((now() - startedAt) * args.rate) / 1000) + 1);
      while (started < due) start(rooms[started++]!);
      if (started < count) setTimeout(tick, 1);
    };
    tick();
  });
}

function close(): void {
  for (const room of rooms) {
    room.a.socket.terminate();
    room.b.socket.terminate();
  }
  rooms = [];
}

serve({ open, run, close }, { pid: process.pid });
