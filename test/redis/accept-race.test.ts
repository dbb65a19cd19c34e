/**
 * Accepting a call while the caller disconnects, the two on different nodes of one real
 * redis-server: whichever comes first, no call room is left behind holding a socket that is
 * gone (such a room would count against MAX_ROOMS until the node restarts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisTestsEnabled, startRedis, type RedisServer } from '../support/redis.js';
import { inspect, readersListening, startNode, until } from '../support/redis-nodes.js';
import { PEOPLE_DEFAULTS } from '../../src/server/config/people-config.js';
import { next, type Client, type Running } from '../support/server.js';

const ROUNDS = 100;

const login = (socket: Client, name: string) => socket.timeout(30_000).emitWithAck('login', name);
const gone = (socket: Client) => new Promise<void>((done) => (socket.disconnected ? done() : socket.once('disconnect', () => done())));

describe.runIf(redisTestsEnabled())('accept racing the caller’s disconnect across nodes', () => {
  let redis: RedisServer;
  const nodes: Running[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    // every client comes from 127.0.0.1, and a name stays reserved for a while after its socket goes
    const people = { ...PEOPLE_DEFAULTS, maxNamesPerAddress: 10_000 };
    for (let i = 0; i < 2; i++) nodes.push(await startNode(redis, undefined, {}, { people }));
    const client = inspect(redis);
    try {
      await readersListening(client, 2);
    } finally {
      client.disconnect();
    }
  }, 60_000);

  afterAll(async () => {
    for (const node of nodes) await node.close();
    await redis?.stop();
  });

  it(`leaves no call room behind in ${ROUNDS} rounds of accept racing the caller’s disconnect`, async () => {
    const [one, two] = nodes as [Running, Running];
    const store = one.server.cluster!.store;
    async function round(n: number): Promise<void> {
      const caller = await one.client();
      const callee = await two.client();
      expect(await login(caller, `Caller${n}`)).toMatchObject({ ok: true });
      expect(await login(callee, `Callee${n}`)).toMatchObject({ ok: true });
      const incoming = next(callee, 'incoming', 10_000);
      expect(await caller.timeout(10_000).emitWithAck('call', `Callee${n}`)).toMatchObject({ ok: true });
      await incoming;
      // the accept leaves, and the disconnect follows after 0 to 9 ms, spreading the rounds over the race
      const accepted = callee.timeout(10_000).emitWithAck('accept', `Caller${n}`);
      await new Promise((ok) => setTimeout(ok, n % 10));
      caller.disconnect();
      await accepted;
      callee.disconnect();
      await Promise.all([gone(caller), gone(callee)]);
    }
    // ten pairs at a time, so the nodes are as busy as with several people
    for (let batch = 0; batch < ROUNDS; batch += 10) await Promise.all(Array.from({ length: 10 }, (_, i) => round(batch + i)));
    // every disconnect frees its seats; a room left after that holds a dead socket for good
    await until('every call room freed', async () => (await store.roomCount()) === 0, 20_000).catch(() => {});
    expect(await store.roomCount()).toBe(0);
  }, 300_000);

  it('frees a call room at once when the caller it seats on the other node is already gone', async () => {
    const [one, two] = nodes as [Running, Running];
    const store = two.server.cluster!.store;
    const caller = await one.client();
    const callee = await two.client();
    const callerId = caller.id!;
    caller.disconnect();
    await until('the caller gone from its node', () => !one.server.io.sockets.sockets.has(callerId));
    // the moment of the race, made certain: the call was accepted, the caller's node has already
    // freed what it had, and now the callee's node seats them both
    const bye = next(callee, 'bye', 10_000);
    expect(await two.server.seats.seatCall('call-gone-caller', callerId, callee.id!)).toEqual({ ok: true });
    expect(await bye).toEqual(['call-gone-caller', callerId]);
    expect(await store.others('call-gone-caller', '').then((seated) => seated.length)).toBe(0);
    callee.disconnect();
  }, 60_000);
});
