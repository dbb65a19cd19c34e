/**
 * Parts 1 and 2: the negotiation burst and the paced mode, for duet and both
 * baselines, each server in its own process, the load in separate processes.
 */
import type { BenchOptions } from './options.js';
import type { OpenArgs, RunArgs, RunResult } from './load.js';
import { MESSAGES_PER_NEGOTIATION } from './payloads.js';
import { startChild, type Child } from './rpc.js';
import { script, startServer, type BenchEnv } from './servers.js';
import { median, round, spread, type Spread } from './stats.js';
import type { Kind } from './wire.js';

export interface BurstFigures {
  /** Relayed messages per second, median of the rounds. */
  messagesPerSecond: number;
  /** Time from the first offer to the last message, median of the rounds, ms. */
  finishMs: number;
  latency: Spread;
  rounds: Array<{ messagesPerSecond: number; finishMs: number }>;
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

function combine(results: RunResult[]) {
  const startedAt = Math.min(...results.map((r) => r.startedAt));
  const finishedAt = Math.max(...results.map((r) => r.finishedAt));
  const messages = results.reduce((n, r) => n + r.messages, 0);
  return { finishMs: finishedAt - startedAt, messages, messagesPerSecond: (messages * 1000) / (finishedAt - startedAt) };
}

function share(total: number, parts: number, i: number): number {
  return Math.floor(total / parts) + (i < total % parts ? 1 : 0);
}

export async function benchSignaling(kind: Kind, options: BenchOptions, env: BenchEnv, say: (line: string) => void): Promise<SignalingResult> {
  const server = await startServer(kind, env, 'signaling');
  const loaders: Child[] = [];
  try {
    for (let i = 0; i < options.loaders; i++) loaders.push(startChild(`loader ${i}`, script('load'), []));
    await Promise.all(loaders.map((l) => l.ready));
    const roomsOf = (i: number) => share(options.rooms, loaders.length, i);
    const tag = `${kind}${Date.now().toString(36)}`;
    const opened = await Promise.all(
      loaders.map((l, i) => {
        const rooms = Array.from({ length: roomsOf(i) }, (_, j) => `${tag}-${i}-${j}`);
        const args: OpenArgs = { kind, port: server.port, ca: env.ca, rooms, concurrency: 32 };
        return l.call<{ ms: number }>('open', args, 180_000);
      }),
    );
    const connectMs = Math.max(...opened.map((o) => o.ms));
    say(`  ${kind}: ${options.rooms * 2} sockets joined in ${round(connectMs / 1000, 1)} s`);

    const timeoutMs = 120_000;
    const warmup = Math.min(100, options.rooms);
    await runAll(loaders, (i) => ({ mode: 'burst', rooms: Math.ceil(warmup / loaders.length) || 1, rate: 0, timeoutMs }), timeoutMs + 5000);

    const rounds: Array<{ messagesPerSecond: number; finishMs: number }> = [];
    const burstLatencies: number[] = [];
    for (let r = 0; r < options.burstRounds; r++) {
      const results = await runAll(loaders, (i) => ({ mode: 'burst', rooms: roomsOf(i), rate: 0, timeoutMs }), timeoutMs + 5000);
      const c = combine(results);
      if (c.messages !== options.rooms * MESSAGES_PER_NEGOTIATION) throw new Error(`${kind}: ${c.messages} messages relayed, expected ${options.rooms * MESSAGES_PER_NEGOTIATION}`);
      rounds.push({ messagesPerSecond: round(c.messagesPerSecond, 0), finishMs: round(c.finishMs, 1) });
      for (const result of results) for (const v of result.latencies) burstLatencies.push(v);
    }
    const burst: BurstFigures = {
      messagesPerSecond: median(rounds.map((r) => r.messagesPerSecond)),
      finishMs: median(rounds.map((r) => r.finishMs)),
      latency: spread(burstLatencies),
      rounds,
    };
    say(`  ${kind}: burst ${burst.messagesPerSecond} msg/s, ${burst.finishMs} ms, p99 ${round(burst.latency.p99)} ms`);

    const paced = await runAll(
      loaders,
      (i) => ({ mode: 'paced', rooms: roomsOf(i), rate: (options.rate * roomsOf(i)) / options.rooms, timeoutMs }),
      timeoutMs + 5000,
    );
    const pacedFigures: PacedFigures = {
      rate: options.rate,
      latency: spread(paced.flatMap((r) => r.latencies)),
      negotiation: spread(paced.flatMap((r) => r.negotiations)),
      finishMs: round(combine(paced).finishMs, 1),
    };
    say(`  ${kind}: paced ${options.rate}/s p50 ${round(pacedFigures.latency.p50)} ms, p99 ${round(pacedFigures.latency.p99)} ms`);
    const { rss } = await server.stats();
    await Promise.all(loaders.map((l) => l.call('close')));
    return { kind, sockets: options.rooms * 2, connectMs: round(connectMs, 0), burst, paced: pacedFigures, serverRssAfter: rss };
  } finally {
    await Promise.all([...loaders.map((l) => l.stop()), server.stop()]);
  }
}
