/**
 * Red-team round 3, attack 7: the Redis stream that carries events between nodes, filled by
 * large relays. A real redis-server and two duet children sharing it (REDIS_URL); four pairs,
 * each a sender on one node and a receiver on the other from their own 127.x addresses, relay
 * 20,000-character messages (about 20 KB in the stream each) at 40 a second per pair, within
 * the rate limits, for 30 s. Figures: Redis's memory and the stream's, sampled every 5 s.
 * Sent from loopback only; asserts nothing.
 */
import { Redis } from 'ioredis';
import type { Socket } from 'socket.io-client';
import { startRedis } from '../test/support/redis.js';
import { startChild, type Child } from './soak-child.js';
import { client, type Figures } from './soak-attacks.js';

const STREAM = 'duet:socket.io';
const PAIRS = 4;
const PER_SECOND = 40;
const SECONDS = 30;
/** The budget the fixed build is given for this run (the build before the fix has no such setting). */
export const SOAK_STREAM_BYTES = 16 * 1024 * 1024;

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));
const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** Waits until `count` adapters block on XREAD of the stream (each node reads it). */
async function readers(look: Redis, count: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (
    String(await look.client('LIST'))
      .split('\n')
      .filter((line) => /cmd=xread\b/.test(line)).length < count
  ) {
    if (Date.now() > deadline) throw new Error(`${count} adapters were not reading the stream within 30 s`);
    await sleep(100);
  }
}

const usage = async (look: Redis, key: string) => Number(await look.memory('USAGE', key, 'SAMPLES', '0')) || 0;
const usedMemory = async (look: Redis) => Number(/used_memory:(\d+)/.exec(await look.info('memory'))?.[1] ?? NaN);

export async function attackR7(duetDir: string): Promise<Figures> {
  const redis = await startRedis();
  const look = new Redis(redis.url, { maxRetriesPerRequest: 1 });
  const env = { REDIS_URL: redis.url, LOG_LEVEL: 'warn', REDIS_STREAM_MAX_BYTES: String(SOAK_STREAM_BYTES) };
  const children: Child[] = [];
  const sockets: Socket[] = [];
  try {
    children.push(await startChild({ duetDir, env }), await startChild({ duetDir, env }));
    await readers(look, 2);
    const before = await usedMemory(look);
    let sent = 0;
    let arrived = 0;
    const senders: Socket[] = [];
    for (let n = 0; n < PAIRS; n++) {
      const sender = await client(children[0]!, `127.0.70.${n + 1}`);
      const receiver = await client(children[1]!, `127.0.71.${n + 1}`);
      sockets.push(sender, receiver);
      for (const socket of [sender, receiver]) await socket.timeout(5000).emitWithAck('join', `stream-${n}`);
      receiver.on('message', () => arrived++);
      senders.push(sender);
    }
    const started = Date.now();
    const inFlight = senders.map(() => 0);
    let relayed = 0;
    const refusals = new Map<string, number>();
    const disconnects: string[] = [];
    for (const [i, socket] of sockets.entries())
      socket.on('disconnect', (reason) => disconnects.push(`${i % 2 ? 'receiver' : 'sender'} ${reason} at ${Math.round((Date.now() - started) / 1000)} s`));
    const samples: string[] = [];
    let highestStream = 0;
    const body = 'v=0 '.padEnd(20_000, 'x');
    for (let tick = 0; Date.now() - started < SECONDS * 1000; tick++) {
      // one batch every 100 ms: PER_SECOND / 10 messages from each sender
      for (const [n, sender] of senders.entries()) {
        // at most 2 s of messages unanswered per sender: a loaded machine slows the attack rather than queueing it
        for (let i = 0; i < PER_SECOND / 10 && inFlight[n]! < PER_SECOND * 2; i++) {
          inFlight[n]!++;
          sent++;
          sender
            .timeout(30_000)
            .emitWithAck('message', `stream-${n}`, { type: 'offer', sdp: body })
            .then((reply: { ok?: boolean; error?: string }) =>
              reply?.ok ? relayed++ : refusals.set(reply?.error ?? '?', (refusals.get(reply?.error ?? '?') ?? 0) + 1),
            )
            .catch(() => refusals.set('no answer', (refusals.get('no answer') ?? 0) + 1))
            .finally(() => inFlight[n]!--);
        }
      }
      if (tick % 50 === 49) {
        const stream = await usage(look, STREAM);
        highestStream = Math.max(highestStream, stream);
        samples.push(`${Math.round((Date.now() - started) / 1000)} s: ${mb(await usedMemory(look))} / ${mb(stream)}`);
      }
      await sleep(Math.max(0, started + (tick + 1) * 100 - Date.now()));
    }
    await sleep(2000);
    const stream = await usage(look, STREAM);
    highestStream = Math.max(highestStream, stream);
    const after = await usedMemory(look);
    const perSecond = (after - before) / SECONDS;
    return {
      'messages sent (20,000 characters each)': sent,
      'messages the server accepted (ack ok)': relayed,
      'messages refused or unanswered': [...refusals].map(([why, count]) => `${why} ${count}`).join(', ') || 0,
      'messages that arrived on the other node': arrived,
      'clients disconnected': disconnects.join('; ') || 'none',
      'Redis used_memory before (MB)': mb(before),
      'Redis used_memory after 30 s (MB)': mb(after),
      'stream MEMORY USAGE, highest sampled (MB)': mb(highestStream),
      'stream entries at the end': await look.xlen(STREAM),
      'growth of used_memory (MB/s)': mb(perSecond),
      'Redis used_memory / stream MB every 5 s': samples.join('; '),
      'budget given (REDIS_STREAM_MAX_BYTES, MB)': mb(SOAK_STREAM_BYTES),
      'both nodes alive': children.every((c) => c.alive()),
    };
  } finally {
    for (const socket of sockets) socket.close();
    for (const child of children) await child.stop();
    look.disconnect();
    await redis.stop();
  }
}
