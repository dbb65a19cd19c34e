/**
 * The red-team attacks D1, D4, D5 and D6, each bounded in count and time and
 * sent from loopback only, different 127.x.y.z source addresses standing in for hosts.
 * Each returns figures about the server child; none asserts anything.
 */
import { connect as tcpConnect, type Socket as TcpSocket } from 'node:net';
import { io, type Socket } from 'socket.io-client';
import { pollingClient } from '../test/support/polling.js';
import { httpsGet, type Child } from './soak-child.js';

export type Figures = Record<string, string | number | boolean>;

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));
const mb = (n: number) => Math.round(n * 10) / 10;

/** A Socket.IO client (websocket, no reconnection) of `child` from `localAddress`. */
export function client(child: Child, localAddress: string): Promise<Socket> {
  const socket = io(`https://127.0.0.1:${child.port}`, { ca: child.ca, localAddress, transports: ['websocket'], reconnection: false, forceNew: true } as never);
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => (socket.close(), fail(new Error(`no connection from ${localAddress} within 10 s`))), 10_000);
    socket.once('connect', () => (clearTimeout(timer), ok(socket)));
    socket.once('connect_error', (error) => (clearTimeout(timer), socket.close(), fail(error)));
  });
}

async function join(socket: Socket, room: string): Promise<boolean> {
  try {
    const answer = (await socket.timeout(5000).emitWithAck('join', room)) as { ok?: boolean };
    return answer?.ok !== false;
  } catch {
    return false;
  }
}

/** A legitimate call: two clients join a fresh room and relay `count` messages each way. Milliseconds, or NaN if it failed. */
export async function legitimateCall(child: Child, room: string, count = 5): Promise<number> {
  const started = Date.now();
  let a: Socket | undefined;
  let b: Socket | undefined;
  try {
    a = await client(child, '127.0.99.1');
    b = await client(child, '127.0.99.2');
    if (!(await join(a, room)) || !(await join(b, room))) return NaN;
    for (const [from, to] of [
      [a, b],
      [b, a],
    ] as const) {
      const got = new Promise<void>((ok, fail) => {
        let seen = 0;
        const timer = setTimeout(() => fail(new Error('relay timed out')), 10_000);
        to.on('message', () => ++seen === count && (clearTimeout(timer), ok()));
      });
      for (let i = 0; i < count; i++) from.emit('message', room, { type: 'offer', sdp: `v=0 ${i}` });
      await got;
    }
    return Date.now() - started;
  } catch {
    return NaN;
  } finally {
    a?.close();
    b?.close();
  }
}

/** D1: polling sessions that each POST `40`, then `41` + an event + close in one request. */
export async function attackD1(child: Child, cycles = 20_000, limitMs = 45_000): Promise<Figures> {
  const rssBefore = child.rssMb();
  const started = Date.now();
  let done = 0;
  let refused = 0;
  let peak = rssBefore;
  await Promise.all(
    Array.from({ length: 8 }, async (_, w) => {
      const polling = pollingClient(child.port, child.ca, `127.0.1.${w + 1}`);
      try {
        while (done + refused < cycles && Date.now() - started < limitMs && child.alive()) {
          try {
            const sid = await polling.open();
            await polling.post(sid, ['40']);
            await polling.post(sid, ['41', '42["join","leak"]', '1']);
            done++;
          } catch {
            refused++;
            await sleep(20);
          }
          if ((done + refused) % 200 === 0) peak = Math.max(peak, child.rssMb() || 0);
        }
      } finally {
        polling.destroy();
      }
    }),
  );
  await sleep(2000);
  return {
    cycles: done,
    refused,
    seconds: mb((Date.now() - started) / 1000),
    'rss before MB': mb(rssBefore),
    'rss peak MB': mb(Math.max(peak, child.rssMb() || 0)),
    'rss after MB': mb(child.rssMb()),
    survived: child.alive(),
  };
}

/** D4: three readers stop reading while their senders relay ~60 KB messages within the rate limits for `seconds`. */
export async function attackD4(child: Child, seconds = 15): Promise<Figures> {
  const rssBefore = child.rssMb();
  const blob = 'x'.repeat(20_000); // the largest string MAX_MESSAGE_BYTES admits (counted 3 bytes a character, about 60 KB)
  const pairs = await Promise.all(
    [1, 2, 3].map(async (n) => {
      const reader = await client(child, `127.0.3.${n}`);
      const sender = await client(child, `127.0.4.${n}`);
      await join(reader, `stalled-${n}`);
      await join(sender, `stalled-${n}`);
      const raw = (reader.io.engine.transport as unknown as { ws: { _socket: { pause(): void; resume(): unknown } } }).ws._socket;
      raw.pause();
      raw.resume = () => raw; // ws would resume it once its parser drains; this reader never does
      return { reader, sender, room: `stalled-${n}` };
    }),
  );
  let peak = rssBefore;
  const started = Date.now();
  let sent = 0;
  while (Date.now() - started < seconds * 1000 && child.alive()) {
    const due = 200 + Math.floor(((Date.now() - started) / 1000) * 60); // a burst of 200, then 60 a second
    for (; sent < due; sent++) for (const { sender, room } of pairs) sender.emit('message', room, { type: 'blob', blob });
    peak = Math.max(peak, child.rssMb() || 0);
    await sleep(50);
  }
  const callMs = await legitimateCall(child, 'legit-d4');
  peak = Math.max(peak, child.rssMb() || 0);
  for (const { reader, sender } of pairs) {
    reader.close();
    sender.close();
  }
  await sleep(3000);
  return {
    'messages sent': sent * pairs.length,
    'rss before MB': mb(rssBefore),
    'rss peak MB': mb(peak),
    'growth MB': mb(peak - rssBefore),
    'rss 3 s after MB': mb(child.rssMb()),
    'legitimate call ms': callMs,
    survived: child.alive(),
  };
}

/** D5: `addresses` × 4 sockets × `joins` joins of distinct rooms, then a legitimate join. */
export async function attackD5(child: Child, addresses = 100, joins = 25, limitMs = 50_000): Promise<Figures> {
  const started = Date.now();
  let held = 0;
  const sockets: Socket[] = [];
  await Promise.all(
    Array.from({ length: addresses }, async (_, a) => {
      const mine: Socket[] = [];
      for (let s = 0; s < 4; s++) {
        try {
          mine.push(await client(child, `127.0.${5 + Math.floor(a / 250)}.${(a % 250) + 1}`));
        } catch {
          // refused: counted by what it could not hold
        }
      }
      sockets.push(...mine);
      for (let j = 0; j < joins && Date.now() - started < limitMs; j++) {
        const results = await Promise.all(mine.map((socket, s) => join(socket, `fill-${a}-${s}-${j}`)));
        held += results.filter(Boolean).length;
        if (results.some((ok) => !ok)) await sleep(250); // rate-limited or refused: the attacker waits and tries on
      }
    }),
  );
  const seconds = mb((Date.now() - started) / 1000);
  const callMs = await legitimateCall(child, 'legit-d5');
  for (const socket of sockets) socket.close();
  return { sockets: sockets.length, 'joins tried': addresses * 4 * joins, 'rooms held': held, seconds, 'legitimate call ms': callMs, survived: child.alive() };
}

/** D6: `count` TCP connections from `addresses` addresses that never send a ClientHello, then legitimate requests. */
export async function attackD6(child: Child, count = 6000, addresses = 100, holdMs = 25_000): Promise<Figures> {
  const fdsBefore = child.openFiles();
  const sockets: TcpSocket[] = [];
  let closedByServer = 0;
  await Promise.all(
    Array.from({ length: addresses }, async (_, a) => {
      for (let i = a; i < count; i += addresses) {
        await new Promise<void>((ok) => {
          const socket = tcpConnect({ host: '127.0.0.1', port: child.port, localAddress: `127.0.2.${a + 1}` });
          socket.on('error', () => undefined);
          socket.once('close', () => closedByServer++);
          socket.once('connect', () => ok());
          socket.once('error', () => ok());
          setTimeout(ok, 2000);
          sockets.push(socket);
        });
      }
    }),
  );
  const started = Date.now();
  let peakFds = child.openFiles();
  let firstOk = NaN;
  let tries = 0;
  while (Date.now() - started < holdMs) {
    tries++;
    peakFds = Math.max(peakFds, child.openFiles() || 0);
    try {
      if ((await httpsGet(child.port, child.ca, '127.0.99.3', 3000)) === 200 && Number.isNaN(firstOk)) firstOk = Date.now() - started;
    } catch {
      // not served
    }
    if (!Number.isNaN(firstOk)) break;
    await sleep(500);
  }
  const fdsHeld = child.openFiles();
  for (const socket of sockets) socket.destroy();
  return {
    connections: count,
    'fds before': fdsBefore,
    'fds peak': peakFds,
    'fds at end': fdsHeld,
    'closed by server': closedByServer,
    'legitimate GET tries': tries,
    'first legitimate 200 after ms': firstOk,
    survived: child.alive(),
  };
}
