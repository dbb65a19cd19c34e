/**
 * Part 4: one duet node against two nodes sharing a real redis-server,
 * the two seats of every room on different nodes, in the same run: connect-and-join
 * latency, negotiation-burst throughput and server CPU per relayed message; and
 * what one admission (the seat Lua script) costs Redis, next to a plain SADD.
 */
import { Redis } from 'ioredis';
import { startRedis, type RedisServer } from '../test/support/redis.js';
import { SEAT } from '../src/server/rooms/redis-scripts.js';
import { runScript } from '../src/server/redis/script.js';
import type { BenchOptions } from './options.js';
import type { OpenArgs, RunResult } from './load.js';
import { MESSAGES_PER_NEGOTIATION } from './payloads.js';
import { startChild, type Child } from './rpc.js';
import { script, startServer, type BenchEnv, type RunningServer } from './servers.js';
import { combine, share } from './signaling-bench.js';
import { median, round, spread, type Spread } from './stats.js';

export interface ClusterSide {
  nodes: number;
  joinMs: Spread;
  messagesPerSecond: number;
  /** Server CPU (all nodes together) per relayed message, µs. */
  serverCpuUsPerMessage: number;
  latency: Spread;
}

export interface ClusterResult {
  rooms: number;
  single: ClusterSide;
  twoNodes: ClusterSide;
  /** Two nodes over one node: join p50, throughput, CPU per message. */
  ratios: { joinP50: number; throughput: number; cpuPerMessage: number };
  admission: { luaUsPerCall: number; saddUsPerCall: number; roundTripP50Ms: number; pingP50Ms: number };
}

interface Rig {
  servers: RunningServer[];
  loaders: Child[];
  joinMs: number[];
  rounds: Array<{ messagesPerSecond: number; cpuUs: number }>;
  latency: Spread[];
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((ok) => setTimeout(ok, 100));
  }
}

async function setUp(servers: RunningServer[], options: BenchOptions, env: BenchEnv, tag: string, rigs: Rig[]): Promise<Rig> {
  const rig: Rig = { servers, loaders: [], joinMs: [], rounds: [], latency: [] };
  rigs.push(rig); // stopped by the caller even if opening fails
  for (let i = 0; i < options.loaders; i++) rig.loaders.push(startChild(`cluster loader ${tag} ${i}`, script('load'), []));
  await Promise.all(rig.loaders.map((l) => l.ready));
  const opened = await Promise.all(
    rig.loaders.map((l, i) => {
      const rooms = Array.from({ length: share(options.rooms, options.loaders, i) }, (_, j) => `${tag}-${i}-${j}`);
      const args: OpenArgs = { kind: 'duet', port: servers[0]!.port, portB: servers.at(-1)!.port, ca: env.ca, rooms, concurrency: 32 };
      return l.call<{ ms: number; joinMs: number[] }>('open', args, 180_000);
    }),
  );
  rig.joinMs = opened.flatMap((o) => o.joinMs);
  return rig;
}

async function burst(rig: Rig, rooms: number, keep: boolean): Promise<void> {
  const cpu = async () => (await Promise.all(rig.servers.map((s) => s.cpuMs()))).reduce((a, b) => a + b, 0);
  const cpu0 = await cpu();
  const n = rig.loaders.length;
  const results = await Promise.all(
    rig.loaders.map((l, i) => l.call<RunResult>('run', { mode: 'burst', rooms: share(rooms, n, i), rate: 0, timeoutMs: 120_000 }, 125_000)),
  );
  const used = (await cpu()) - cpu0;
  const c = combine(results);
  if (c.messages !== rooms * MESSAGES_PER_NEGOTIATION) throw new Error(`cluster: ${c.messages} messages relayed, expected ${rooms * MESSAGES_PER_NEGOTIATION}`);
  if (!keep) return;
  rig.rounds.push({ messagesPerSecond: c.messagesPerSecond, cpuUs: (used * 1000) / c.messages });
  rig.latency.push(spread(results.flatMap((r) => r.latencies)));
}

function side(rig: Rig): ClusterSide {
  return {
    nodes: rig.servers.length,
    joinMs: spread(rig.joinMs),
    messagesPerSecond: round(median(rig.rounds.map((r) => r.messagesPerSecond)), 0),
    serverCpuUsPerMessage: round(median(rig.rounds.map((r) => r.cpuUs)), 2),
    latency: spread(rig.latency.map((l) => l.p50)),
  };
}

/** Redis's own time per call (INFO commandstats) for the seat script and for SADD, and round trips seen by a client. */
export async function admissionCost(redis: RedisServer, calls: number): Promise<ClusterResult['admission']> {
  const client = new Redis(redis.url);
  try {
    await client.config('RESETSTAT');
    const times: number[] = [];
    const pings: number[] = [];
    for (let i = 0; i < calls; i++) {
      const room = `bench-admission-${i >> 1}`;
      let t = performance.now();
      await runScript(client, SEAT, ['bench:', room, `m${i}`, '127.0.0.1', 'bench-node', 2, -1, -1, -1]);
      times.push(performance.now() - t);
      t = performance.now();
      await client.ping();
      pings.push(performance.now() - t);
      await client.sadd(`bench:plain:${room}`, `m${i}`);
    }
    const stats = String(await client.info('commandstats'));
    const usec = (command: string) => Number(new RegExp(`cmdstat_${command}:calls=\\d+,usec=\\d+,usec_per_call=([\\d.]+)`).exec(stats)?.[1] ?? NaN);
    return {
      luaUsPerCall: round(usec('evalsha'), 2),
      saddUsPerCall: round(usec('sadd'), 2),
      roundTripP50Ms: round(spread(times).p50, 3),
      pingP50Ms: round(spread(pings).p50, 3),
    };
  } finally {
    client.disconnect();
  }
}

export async function benchCluster(options: BenchOptions, env: BenchEnv, say: (line: string) => void): Promise<ClusterResult> {
  const redis = await startRedis();
  const rigs: Rig[] = [];
  const servers: RunningServer[] = [];
  // a shared machine under load answers pings late: the same generous heartbeat on every node, so no seat is dropped
  const start = async (label: string, redisUrl: string) => {
    const server = await startServer('duet', env, label, { REDIS_URL: redisUrl, PING_INTERVAL_MS: '20000', PING_TIMEOUT_MS: '60000' });
    servers.push(server);
    return server;
  };
  try {
    const single = await start('cluster-single', '');
    const nodes = [await start('cluster-node-1', redis.url), await start('cluster-node-2', redis.url)];
    const look = new Redis(redis.url);
    await until(
      'both nodes reading the stream',
      async () =>
        String(await look.client('LIST'))
          .split('\n')
          .filter((l) => /cmd=xread\b/.test(l)).length >= 2,
    );
    look.disconnect();
    const tag = Date.now().toString(36);
    await setUp([single], options, env, `one${tag}`, rigs);
    await setUp(nodes, options, env, `two${tag}`, rigs);
    say(`  cluster: ${options.rooms} rooms opened on one node and across two nodes`);
    for (const rig of rigs) await burst(rig, Math.min(100, options.rooms), false);
    for (let r = 0; r < options.burstRounds; r++) {
      for (const rig of rigs) await burst(rig, options.rooms, true);
      say(`  cluster burst round ${r + 1}: ${rigs.map((g) => `${g.servers.length} node(s) ${round(g.rounds.at(-1)!.messagesPerSecond, 0)} msg/s`).join(', ')}`);
    }
    const [one, two] = rigs.map(side) as [ClusterSide, ClusterSide];
    const admission = await admissionCost(redis, 2000);
    say(
      `  cluster admission: seat script ${admission.luaUsPerCall} µs in Redis (SADD ${admission.saddUsPerCall} µs), round trip p50 ${admission.roundTripP50Ms} ms (PING ${admission.pingP50Ms} ms)`,
    );
    return {
      rooms: options.rooms,
      single: one,
      twoNodes: two,
      ratios: {
        joinP50: round(two.joinMs.p50 / one.joinMs.p50, 2),
        throughput: round(two.messagesPerSecond / one.messagesPerSecond, 2),
        cpuPerMessage: round(two.serverCpuUsPerMessage / one.serverCpuUsPerMessage, 2),
      },
      admission,
    };
  } finally {
    await Promise.all([...rigs.flatMap((rig) => rig.loaders.map((l) => l.stop())), ...servers.map((s) => s.stop())]);
    await redis.stop();
  }
}
