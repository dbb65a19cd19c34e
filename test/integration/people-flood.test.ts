/**
 * The `people` lists under a flood, on the real server: many names and churn send each viewer at
 * most one list a second of at most MAX_LISTED_PEOPLE names; a viewer that stops reading does not
 * make the server hold more than MAX_QUEUED_BYTES (plus the one newest list) for it; names per
 * address are capped; with DIRECTORY=off the answers that tell who is online are paced.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/server/config/config.js';
import { PEOPLE_DEFAULTS } from '../../src/server/config/people-config.js';
import { queuedBytes, type QueuedConnection } from '../../src/server/socket/backpressure.js';
import { fakeClock } from '../support/fake-clock.js';
import { pollingClient } from '../support/polling.js';
import { ask, login, signIn } from '../support/people.js';
import { newServer, record, type Client, type Running } from '../support/server.js';

const LONG = 'x'.repeat(24);

/** `count` connections from `addresses` loopback addresses, each signed in under a long name. */
async function crowd(server: Running, count: number, addresses: number, octet: number): Promise<Client[]> {
  const sockets: Client[] = [];
  for (let i = 0; i < count; i++) {
    const socket = await server.client({ localAddress: `127.0.${octet}.${(i % addresses) + 1}` });
    await signIn(socket, `${LONG} ${octet}-${i}`);
    sockets.push(socket);
  }
  return sockets;
}

/**
 * Limits that let `churn` sign each churner out and in about three times a second for the whole
 * churn: with the default 10 joins and 1 a second, its logins were refused after two seconds, the
 * total of the lists stopped changing, and a viewer could get no list at all.
 */
const CHURN_LIMITS = { ...DEFAULT_LIMITS, joinBurst: 100, joinPerSecond: 10 };

/** Signs `churners` out and in again, one request at a time, for `ms`; every login must pass. */
async function churn(churners: Client[], ms: number): Promise<void> {
  const until = Date.now() + ms;
  for (let round = 0; Date.now() < until; round++) {
    await Promise.all(
      churners.map(async (socket, i) => {
        await ask(socket, 'logout');
        const reply = await login(socket, `churn ${i} ${round % 2}`);
        if (!reply.ok) throw new Error(`churner ${i} refused in round ${round}: ${reply.error}`);
      }),
    );
    await new Promise((ok) => setTimeout(ok, 300));
  }
}

describe('the people lists under a flood', () => {
  it('each viewer gets at most one list a second, of at most MAX_LISTED_PEOPLE names and the total', async () => {
    const server = await newServer({}, { limits: CHURN_LIMITS, people: { ...PEOPLE_DEFAULTS, maxListedPeople: 20 } });
    await crowd(server, 60, 6, 40);
    const viewer = await server.client({ localAddress: '127.0.41.1' });
    await signIn(viewer, 'viewer');
    const churners = await Promise.all([1, 2, 3, 4].map((n) => server.client({ localAddress: `127.0.42.${n}` })));
    const lists = record(viewer, 'people');
    let bytes = 0;
    viewer.onAny((event, ...args) => void (event === 'people' && (bytes += JSON.stringify(args).length)));
    const started = Date.now();
    await churn(churners, 4000);
    const seconds = (Date.now() - started) / 1000;
    expect(lists.length).toBeGreaterThan(0);
    expect(lists.length).toBeLessThanOrEqual(Math.ceil(seconds) + 1);
    for (const [list, total] of lists) {
      expect(list.length).toBe(20);
      expect(total).toBeGreaterThanOrEqual(60);
    }
    expect(bytes / lists.length).toBeLessThan(20 * 60);
  }, 90_000);

  it('a viewer that stops reading does not grow what the server holds for it', async () => {
    const limits = { ...CHURN_LIMITS, maxQueuedBytes: 8 * 1024, maxCongestedMs: 120_000, pingIntervalMs: 60_000, pingTimeoutMs: 60_000 };
    const server = await newServer({}, { limits, people: { ...PEOPLE_DEFAULTS, maxListedPeople: 100 } });
    await crowd(server, 60, 6, 50);
    // a long-polling viewer that signs in and never polls again
    const polling = pollingClient(server.port, server.ca, '127.0.51.1');
    const sid = await polling.open();
    await polling.post(sid, ['40']);
    const paused = () => [...server.server.io.sockets.sockets.values()].find((s) => s.data.address === '127.0.51.1');
    await expect.poll(() => paused() !== undefined, { timeout: 5000 }).toBe(true);
    await polling.post(sid, ['42["login","paused viewer"]']);
    const reader = await server.client({ localAddress: '127.0.52.1' });
    await signIn(reader, 'reader');
    const readerLists = record(reader, 'people');
    const churners = await Promise.all([1, 2, 3, 4].map((n) => server.client({ localAddress: `127.0.53.${n}` })));
    let peak = 0;
    const sample = setInterval(() => {
      const socket = paused();
      if (socket) peak = Math.max(peak, queuedBytes(socket.conn as unknown as QueuedConnection));
    }, 50);
    try {
      await churn(churners, 8000);
    } finally {
      clearInterval(sample);
      polling.destroy();
    }
    const oneList = 100 * 60;
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(limits.maxQueuedBytes + oneList);
    // the others still get theirs: beyond the list at sign-in, the churn's changes reach the reader
    // (how many depends on how fast the churners spend their rate limits, so only that one came)
    expect(readerLists.length).toBeGreaterThanOrEqual(2);
  }, 90_000);

  it('refuses a name past MAX_NAMES_PER_ADDRESS from one address, not from another', async () => {
    const server = await newServer({}, { people: { ...PEOPLE_DEFAULTS, maxNamesPerAddress: 3 } });
    const sockets = await Promise.all([1, 2, 3, 4].map(() => server.client({ localAddress: '127.0.60.1' })));
    for (const [i, socket] of sockets.slice(0, 3).entries()) await signIn(socket, `same ${i}`);
    expect(await login(sockets[3]!, 'same 3')).toEqual({ ok: false, error: 'too-many-names' });
    const elsewhere = await server.client({ localAddress: '127.0.60.2' });
    await signIn(elsewhere, 'same 3');
  });
});

describe('DIRECTORY=off', () => {
  it('paces name-taken and busy answers per address, then across the server', async () => {
    const time = fakeClock(); // the budgets do not refill during the test
    const server = await newServer({ clock: time.clock, timers: time.timers }, { people: { ...PEOPLE_DEFAULTS, directory: false } });
    const owner = await server.client({ localAddress: '127.0.70.1' });
    await signIn(owner, 'secret');
    const answers = async (address: string, count: number) => {
      const probes = await Promise.all(Array.from({ length: Math.ceil(count / 5) }, () => server.client({ localAddress: address })));
      const seen: string[] = [];
      for (let i = 0; i < count; i++) {
        const reply = await login(probes[Math.floor(i / 5)]!, 'secret');
        seen.push(reply.ok ? 'ok' : reply.error);
      }
      return seen;
    };
    const first = await answers('127.0.71.1', 12);
    expect(first.slice(0, 10)).toEqual(Array(10).fill('name-taken'));
    expect(first.slice(10)).toEqual(['rate-limited', 'rate-limited']);
    // other addresses, 10 each, until the server's budget (60 at once) is spent
    const rest = [];
    for (let a = 2; a <= 7; a++) rest.push(...(await answers(`127.0.71.${a}`, 10)));
    expect(rest.filter((r) => r === 'name-taken')).toHaveLength(50);
    expect(rest.slice(50)).toEqual(Array(10).fill('rate-limited'));
    // a call that would say busy or offline is paced the same way; a login under a free name is not
    const caller = await server.client({ localAddress: '127.0.72.1' });
    await signIn(caller, 'caller');
    expect(await ask(caller, 'call', 'nobody here')).toEqual({ ok: false, error: 'rate-limited' });
  }, 60_000);
});
