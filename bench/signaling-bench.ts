/**
 * Parts 1 and 2: the negotiation burst and the paced mode, for duet and both
 * baselines, each server in its own process, the load in separate processes.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { BenchOptions } from './options.js';
import type { OpenArgs, RunArgs, RunResult } from './load.js';
import { MESSAGES_PER_NEGOTIATION } from './payloads.js';
import { startChild, type Child } from './rpc.js';
import { script, startServer, type BenchEnv, type RunningServer } from './servers.js';
import { median, round, spread, type Spread } from './stats.js';
import type { Kind } from './wire.js';

export interface BurstFigures {
  /** Relayed messages per second, median of the rounds. */
  messagesPerSecond: number;
  /** Time from the first offer to the last message, median of the rounds, ms. */
  finishMs: number;
  latency: Spread;
  /** Server CPU time per relayed message, µs, median of the rounds (less noisy than wall time). */
  serverCpuUsPerMessage: number;
  /** Load-generator CPU time over wall time (1 = one core busy), median of the rounds. */
  loaderBusy: number;
  rounds: Round[];
}

interface Round {
  messagesPerSecond: number;
  finishMs: number;
  serverCpuUsPerMessage: number;
  loaderBusy: number;
}

export interface PacedFigures {
  rate: number;
  latency: Spread;
  negotiation: Spread;
  finishMs: number;
}

export interface SignalingResult {
  kind: Kind;
  sockets: number;
  connectMs: number;
  burst: BurstFigures;
  paced: PacedFigures;
  serverRssAfter: number;
}

async function runAll(loaders: Child[], args: (i: number) => RunArgs, timeoutMs: number): Promise<RunResult[]> {
  return Promise.all(loaders.map((l, i) => l.call<RunResult>('run', args(i), timeoutMs)));
}

export function combine(results: RunResult[]) {
  const startedAt = Math.min(...results.map((r) => r.startedAt));
  const finishedAt = Math.max(...results.map((r) => r.finishedAt));
  const messages = results.reduce((n, r) => n + r.messages, 0);
  return { finishMs: finishedAt - startedAt, messages, messagesPerSecond: (messages * 1000) / (finishedAt - startedAt) };
}

export function share(total: number, parts: number, i: number): number {
  return Math.floor(total / parts) + (i < total % parts ? 1 : 0);
}

interface Rig {
  kind: Kind;
  server: RunningServer;
  loaders: Child[];
  connectMs: number;
  rounds: Round[];
  burstLatency: Spread[];
  paced: Array<{ latency: Spread; negotiation: Spread; finishMs: number }>;
}

async function setUp(kind: Kind, options: BenchOptions, env: BenchEnv): Promise<Rig> {
  const server = await startServer(kind, env, 'signaling');
  const rig: Rig = { kind, server, loaders: [], connectMs: 0, rounds: [], burstLatency: [], paced: [] };
  for (let i = 0; i < options.loaders; i++) rig.loaders.push(startChild(`${kind} loader ${i}`, script('load'), []));
  await Promise.all(rig.loaders.map((l) => l.ready));
  const tag = `${kind}${Date.now().toString(36)}`;
  const opened = await Promise.all(
    rig.loaders.map((l, i) => {
      const rooms = Array.from({ length: share(options.rooms, options.loaders, i) }, (_, j) => `${tag}-${i}-${j}`);
      const args: OpenArgs = { kind, port: server.port, ca: env.ca, rooms, concurrency: 32 };
      return l.call<{ ms: number }>('open', args, 180_000);
    }),
  );
  rig.connectMs = round(Math.max(...opened.map((o) => o.ms)), 0);
  return rig;
}

const TIMEOUT_MS = 120_000;

async function burst(rig: Rig, rooms: number, keep: boolean): Promise<void> {
  const cpu0 = await rig.server.cpuMs();
  const n = rig.loaders.length;
  const results = await runAll(rig.loaders, (i) => ({ mode: 'burst', rooms: share(rooms, n, i), rate: 0, timeoutMs: TIMEOUT_MS }), TIMEOUT_MS + 5000);
  const serverCpu = (await rig.server.cpuMs()) - cpu0;
  const c = combine(results);
  if (c.messages !== rooms * MESSAGES_PER_NEGOTIATION)
    throw new Error(`${rig.kind}: ${c.messages} messages relayed, expected ${rooms * MESSAGES_PER_NEGOTIATION}`);
  if (!keep) return;
  rig.rounds.push({
    messagesPerSecond: round(c.messagesPerSecond, 0),
    finishMs: round(c.finishMs, 1),
    serverCpuUsPerMessage: round((serverCpu * 1000) / c.messages, 2),
    loaderBusy: round(results.reduce((sum, r) => sum + r.cpuMs, 0) / c.finishMs, 2),
  });
  rig.burstLatency.push(spread(results.flatMap((r) => r.latencies)));
}

async function paced(rig: Rig, rooms: number, rate: number): Promise<void> {
  const n = rig.loaders.length;
  const results = await runAll(
    rig.loaders,
    (i) => ({ mode: 'paced', rooms: share(rooms, n, i), rate: (rate * share(rooms, n, i)) / rooms, timeoutMs: TIMEOUT_MS }),
    TIMEOUT_MS + 5000,
  );
  rig.paced.push({
    latency: spread(results.flatMap((r) => r.latencies)),
    negotiation: spread(results.flatMap((r) => r.negotiations)),
    finishMs: round(combine(results).finishMs, 1),
  });
}

/** Per-percentile median over rounds: one noisy round does not decide the figure. */
function medianSpread(list: Spread[]): Spread {
  const pick = (key: keyof Spread) => median(list.map((s) => s[key]));
  return { p50: pick('p50'), p95: pick('p95'), p99: pick('p99'), max: Math.max(...list.map((s) => s.max)), count: list.reduce((n, s) => n + s.count, 0) };
}

function summary(rig: Rig, options: BenchOptions, rss: number): SignalingResult {
  const rounds = rig.rounds;
  return {
    kind: rig.kind,
    sockets: options.rooms * 2,
    connectMs: rig.connectMs,
    burst: {
      messagesPerSecond: median(rounds.map((r) => r.messagesPerSecond)),
      finishMs: median(rounds.map((r) => r.finishMs)),
      latency: medianSpread(rig.burstLatency),
      serverCpuUsPerMessage: median(rounds.map((r) => r.serverCpuUsPerMessage)),
      loaderBusy: median(rounds.map((r) => r.loaderBusy)),
      rounds,
    },
    paced: {
      rate: options.rate,
      latency: medianSpread(rig.paced.map((p) => p.latency)),
      negotiation: medianSpread(rig.paced.map((p) => p.negotiation)),
      finishMs: median(rig.paced.map((p) => p.finishMs)),
    },
    serverRssAfter: rss,
  };
}

/**
 * All servers run side by side and take turns, round by round, so that noise on
 * a shared machine falls on all of them alike; each figure is a median of rounds.
 */
export async function benchSignaling(kinds: readonly Kind[], options: BenchOptions, env: BenchEnv, say: (line: string) => void): Promise<SignalingResult[]> {
  const rigs: Rig[] = [];
  try {
    for (const kind of kinds) {
      const rig = await setUp(kind, options, env);
      rigs.push(rig);
      say(`  ${kind}: ${options.rooms * 2} sockets joined in ${round(rig.connectMs / 1000, 1)} s`);
    }
    for (const rig of rigs) await burst(rig, Math.min(100, options.rooms), false); // warm-up
    if (env.profileDir) for (const rig of rigs) await rig.server.profileStart();
    for (let r = 0; r < options.burstRounds; r++) {
      for (const rig of rigs) await burst(rig, options.rooms, true);
      say(
        `  burst round ${r + 1}: ${rigs.map((g) => `${g.kind} ${g.rounds.at(-1)?.messagesPerSecond} msg/s (${g.rounds.at(-1)?.serverCpuUsPerMessage} µs CPU/msg)`).join(', ')}`,
      );
    }
    if (env.profileDir) {
      await mkdir(env.profileDir, { recursive: true });
      for (const rig of rigs) await rig.server.profileStop(join(env.profileDir, `burst-${rig.kind}.cpuprofile`));
    }
    for (let r = 0; r < options.pacedRounds; r++) {
      for (const rig of rigs) await paced(rig, options.rooms, options.rate);
      say(`  paced round ${r + 1}: ${rigs.map((g) => `${g.kind} p99 ${round(g.paced.at(-1)?.latency.p99 ?? NaN)} ms`).join(', ')}`);
    }
    const out: SignalingResult[] = [];
    for (const rig of rigs) out.push(summary(rig, options, (await rig.server.stats()).rss));
    return out;
  } finally {
    await Promise.all(rigs.flatMap((rig) => [...rig.loaders.map((l) => l.stop()), rig.server.stop()]));
  }
}
