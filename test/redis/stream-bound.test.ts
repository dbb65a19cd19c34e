/**
 * The Redis stream that carries events between nodes stays within REDIS_STREAM_MAX_BYTES on a
 * real redis-server, whatever size of message people relay, and nothing is lost on the way:
 * four pairs split over two nodes relay 20,000-character messages (about 20 KB in the stream
 * each, eight times the budget in all) and every message arrives.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ledgerKeys } from '../../src/server/cluster/adapter-stream.js';
import { redisTestsEnabled, startRedis, type RedisServer } from '../support/redis.js';
import { inspect, readersListening, ROOMY_LIMITS, startNode } from '../support/redis-nodes.js';
import { joinRoom, type Client, type Running } from '../support/server.js';

const BUDGET = 2 * 1024 * 1024;
const PAIRS = 4;
const MESSAGES = 200; // per pair: 800 × 20 KB ≈ 16 MB through a 2 MiB stream
const STREAM = 'duet:socket.io';

describe.runIf(redisTestsEnabled())('the Redis stream between nodes, bounded in bytes', () => {
  let redis: RedisServer;
  let nodes: Running[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    const limits = { ...ROOMY_LIMITS, maxRedisStreamBytes: BUDGET };
    nodes = [await startNode(redis, limits), await startNode(redis, limits)];
    const look = inspect(redis);
    await readersListening(look, 2).finally(() => look.disconnect());
  }, 60_000);

  afterAll(async () => {
    for (const node of nodes) await node.close();
    await redis?.stop();
  });

  it('keeps the stream under its byte budget while pairs on two nodes relay large messages, and every message arrives', async () => {
    const [one, two] = nodes as [Running, Running];
    const look = inspect(redis);
    let highest = 0;
    const sample = async () => (highest = Math.max(highest, Number(await look.memory('USAGE', STREAM, 'SAMPLES', '0')) || 0));

    async function pair(n: number): Promise<number> {
      const sender: Client = await one.client();
      const receiver: Client = await two.client();
      const room = `big-${n}`;
      expect(await joinRoom(sender, room)).toMatchObject({ ok: true });
      expect(await joinRoom(receiver, room)).toMatchObject({ ok: true });
      let received = 0;
      const all = new Promise<void>((done) =>
        receiver.on('message', () => {
          if (++received === MESSAGES) done();
        }),
      );
      for (let i = 0; i < MESSAGES; i += 4) {
        // four in flight per pair; a control character in each, which JSON escapes to six bytes
        await Promise.all(
          [0, 1, 2, 3].map((k) => sender.timeout(10_000).emitWithAck('message', room, { type: 'offer', sdp: `v=0 ${n}/${i + k}\u0001`.padEnd(20_000, 'x') })),
        );
        if (i % 40 === 0) await sample();
      }
      await Promise.race([all, new Promise((_, fail) => setTimeout(() => fail(new Error(`pair ${n}: ${received} of ${MESSAGES} arrived`)), 20_000))]);
      sender.disconnect();
      receiver.disconnect();
      return received;
    }

    try {
      expect(await Promise.all(Array.from({ length: PAIRS }, (_, n) => pair(n)))).toEqual(Array(PAIRS).fill(MESSAGES));
      await sample();
      const ledger = ledgerKeys(STREAM);
      const ledgerBytes = Number(await look.memory('USAGE', ledger.list, 'SAMPLES', '0')) || 0;
      console.log(
        `stream: highest MEMORY USAGE ${highest} bytes, ${await look.xlen(STREAM)} entries now; ledger sum ${await look.get(ledger.sum)}, ledger list ${ledgerBytes} bytes`,
      );
      expect(highest).toBeGreaterThan(BUDGET / 2); // the relays did fill it
      expect(highest).toBeLessThanOrEqual(BUDGET);
      expect(Number(await look.get(ledger.sum))).toBeLessThanOrEqual(BUDGET);
    } finally {
      look.disconnect();
    }
  }, 180_000);
});
