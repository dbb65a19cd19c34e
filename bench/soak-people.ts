/**
 * The red-team attacks on calls by name (round 3), bounded in count and time, from loopback
 * only (127.x.y.z addresses standing in for hosts). Each returns figures; none asserts anything.
 * P1: people-list flood: names signed in from long-polling sockets that never poll again (a
 * blind pong keeps each session alive) while a few sockets sign in and out every second.
 * P4: ring harassment: many callers ring one person and ring again the moment a ring ends,
 * while the person declines each ring they see.
 */
import { io, type Socket } from 'socket.io-client';
import { pollingClient, type PollingClient } from '../test/support/polling.js';
import { legitimateCall, type Figures } from './soak-attacks.js';
import type { Child } from './soak-child.js';

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));
const mb = (n: number) => Math.round(n * 10) / 10;

function client(child: Child, localAddress: string): Promise<Socket> {
  const socket = io(`https://127.0.0.1:${child.port}`, { ca: child.ca, localAddress, transports: ['websocket'], reconnection: false, forceNew: true } as never);
  return new Promise((ok, fail) => {
    const timer = setTimeout(() => (socket.close(), fail(new Error(`no connection from ${localAddress} within 10 s`))), 10_000);
    socket.once('connect', () => (clearTimeout(timer), ok(socket)));
    socket.once('connect_error', (error) => (clearTimeout(timer), socket.close(), fail(error)));
  });
}

async function login(socket: Socket, name: string): Promise<string> {
  try {
    const reply = (await socket.timeout(10_000).emitWithAck('login', name)) as { ok: boolean; error?: string };
    return reply.ok ? 'ok' : (reply.error ?? 'refused');
  } catch {
    return 'no answer';
  }
}

/** A long-polling socket that signs in as `name` and never polls again; its pong goes out blind. */
async function pausedViewer(child: Child, address: string, name: string): Promise<{ polling: PollingClient; sid: string } | undefined> {
  const polling = pollingClient(child.port, child.ca, address);
  try {
    const sid = await polling.open();
    await polling.post(sid, ['40']);
    await sleep(50);
    await polling.post(sid, [`42${JSON.stringify(['login', name])}`]);
    return { polling, sid };
  } catch {
    polling.destroy();
    return undefined;
  }
}

/** P1: `addresses` × `perAddress` paused viewers, 4 churners, for `seconds`; then a legitimate call and the recovery. */
export async function attackPeopleFlood(child: Child, addresses = 12, perAddress = 23, seconds = 60): Promise<Figures> {
  const rssBefore = child.rssMb();
  const viewers = (
    await Promise.all(
      Array.from({ length: addresses }, async (_, a) => {
        const mine = [];
        for (let i = 0; i < perAddress; i++) mine.push(await pausedViewer(child, `127.0.80.${a + 1}`, `viewer with a long name ${a}-${i}`));
        return mine;
      }),
    )
  )
    .flat()
    .filter((v) => v !== undefined);
  const pong = setInterval(() => viewers.forEach(({ polling, sid }) => void polling.post(sid, ['3']).catch(() => undefined)), 3000);
  const churners = await Promise.all([1, 2, 3, 4].map((n) => client(child, `127.0.81.${n}`)));
  const watcher = await client(child, '127.0.82.1');
  await login(watcher, 'watcher');
  let listed = 0;
  let largest = 0;
  watcher.on('people', (list: unknown[], total?: number) => ((listed = Math.max(listed, total ?? list.length)), (largest = Math.max(largest, list.length))));
  let peak = rssBefore;
  let churns = 0;
  const started = Date.now();
  let callMs = NaN;
  while (Date.now() - started < seconds * 1000 && child.alive()) {
    await Promise.all(
      churners.map(async (socket, i) => {
        socket.emit('logout');
        await login(socket, `churner ${i} ${churns % 2}`);
      }),
    );
    churns++;
    peak = Math.max(peak, child.rssMb() || 0);
    if (Number.isNaN(callMs) && Date.now() - started > (seconds * 1000) / 2) callMs = await legitimateCall(child, 'legit-p1');
    await sleep(1000);
  }
  const rssAtEnd = child.rssMb();
  clearInterval(pong);
  viewers.forEach(({ polling }) => polling.destroy());
  churners.forEach((socket) => socket.close());
  const left = Date.now();
  let recoveredMs = NaN;
  while (Date.now() - left < 60_000 && child.alive()) {
    const ms = await legitimateCall(child, `legit-p1-after-${Date.now()}`);
    if (!Number.isNaN(ms) && ms < 2000) {
      recoveredMs = Date.now() - left;
      break;
    }
  }
  watcher.close();
  return {
    'paused viewers connected': viewers.length,
    'names listed at most (total)': listed,
    'names in the largest list': largest,
    'sign-in rounds of 4 churners': churns,
    'rss before MB': mb(rssBefore),
    'rss peak MB': mb(peak),
    'rss at end MB': mb(rssAtEnd),
    'legitimate call during ms': callMs,
    'normal call again after the attackers left, ms': recoveredMs,
    survived: child.alive(),
  };
}

/** P4: `addresses` × `perAddress` callers ring one person over and over for `seconds`; the person declines every ring. */
export async function attackRingHarassment(child: Child, addresses = 8, perAddress = 8, seconds = 30): Promise<Figures> {
  const victim = await client(child, '127.0.90.1');
  await login(victim, 'victim');
  const pending = new Set<string>();
  let mostPending = 0;
  let rings = 0;
  let victimRefused = 0;
  let victimDisconnected = false;
  victim.on('incoming', (from: string) => {
    rings++;
    pending.add(from);
    mostPending = Math.max(mostPending, pending.size);
    setTimeout(
      () =>
        victim.emit('decline', from, (reply: { ok: boolean; error?: string }) => {
          pending.delete(from);
          if (!reply.ok && reply.error === 'rate-limited') victimRefused++;
        }),
      200,
    ); // a person takes a moment to click
  });
  victim.on('cancelled', (from: string) => pending.delete(from));
  victim.on('error', (e: { code?: string }) => void (e.code === 'rate-limited' && victimRefused++));
  victim.on('disconnect', () => (victimDisconnected = true));
  const answers: Record<string, number> = {};
  const callers: Socket[] = [];
  for (let a = 0; a < addresses; a++) {
    for (let i = 0; i < perAddress; i++) {
      const caller = await client(child, `127.0.91.${a + 1}`).catch(() => undefined); // refused or too slow: one caller fewer
      if (!caller) continue;
      await login(caller, `caller ${a}-${i}`);
      callers.push(caller);
    }
  }
  const started = Date.now();
  const ringAgain = (caller: Socket) => {
    if (Date.now() - started < seconds * 1000 && caller.connected) caller.emit('call', 'victim');
  };
  for (const caller of callers) {
    caller.on('unavailable', (_to: string, reason: string) => {
      answers[reason] = (answers[reason] ?? 0) + 1;
      setTimeout(() => ringAgain(caller), 1000); // within the rate limits of `call`
    });
    caller.on('error', () => void setTimeout(() => ringAgain(caller), 1000)); // rate-limited: try again later
    ringAgain(caller);
  }
  while (Date.now() - started < seconds * 1000 && child.alive()) await sleep(500);
  const disconnected = victimDisconnected; // before our own close below, which fires `disconnect` too
  callers.forEach((c) => c.close());
  const callMs = await legitimateCall(child, 'legit-p4');
  victim.close();
  return {
    callers: callers.length,
    'rings that reached the victim': rings,
    'rings pending on the victim at once (most)': mostPending,
    'answers to callers':
      Object.entries(answers)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ') || 'none',
    'victim refused rate-limited': victimRefused,
    'victim disconnected by the server': disconnected,
    'legitimate call ms': callMs,
    survived: child.alive(),
  };
}
