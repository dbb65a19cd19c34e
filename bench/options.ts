/**
 * Benchmark options from the environment: a pure function with one table of defaults.
 */
import { availableParallelism } from 'node:os';
import { ConfigError, parseNumber, read, type Env } from '../src/server/config/env.js';
import { ALL_KINDS, KINDS, type Kind } from './wire.js';

export type Part = 'signaling' | 'idle' | 'calls' | 'cluster' | 'files' | 'thin' | 'effects';
export const PARTS: readonly Part[] = ['signaling', 'idle', 'calls', 'cluster', 'files', 'thin', 'effects'];

export interface BenchOptions {
  /** Rooms in the negotiation burst (two sockets each). */
  readonly rooms: number;
  /** Paced mode: negotiations started per second. */
  readonly rate: number;
  readonly burstRounds: number;
  readonly pacedRounds: number;
  /** Signaling servers to compare. */
  readonly kinds: readonly Kind[];
  /** Load-generator processes for the signaling parts. */
  readonly loaders: number;
  /** Idle connections to try for (capped by the server's file limit). */
  readonly idle: number;
  readonly idleClients: number;
  readonly calls: number;
  /** Size of the benchmark file transfer, MB, and how many times each way is measured. */
  readonly fileMegabytes: number;
  readonly fileRounds: number;
  /** Seconds each on-device effect (blur, noise suppression, recording) is measured in a call. */
  readonly effectsSeconds: number;
  readonly parts: readonly Part[];
  /** Write V8 CPU profiles of the servers to bench/results/profiles. */
  readonly profile: boolean;
}

export const DEFAULTS: BenchOptions = Object.freeze({
  rooms: 1000,
  rate: 250,
  burstRounds: 3,
  pacedRounds: 3,
  kinds: KINDS,
  loaders: Math.max(1, availableParallelism() - 1),
  idle: 20_000,
  idleClients: 4,
  calls: 10,
  fileMegabytes: 200,
  fileRounds: 3,
  effectsSeconds: 15,
  parts: PARTS,
  profile: false,
});

/** A comma-separated subset of `allowed` read from `name`, or `fallback` when unset. */
function subset<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: readonly T[]): readonly T[] {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  const list = raw.split(',').map((s) => s.trim());
  const bad = list.find((item) => !allowed.includes(item as T));
  if (bad !== undefined) throw new ConfigError(`${name} must list ${allowed.join(', ')}, got ${JSON.stringify(bad)}`);
  return list as T[];
}

const int = (env: Env, name: string, fallback: number, min: number, max: number) => parseNumber(env, name, fallback, min, max, true);

export function loadOptions(env: Env = process.env): BenchOptions {
  return Object.freeze({
    rooms: int(env, 'BENCH_ROOMS', DEFAULTS.rooms, 1, 10_000),
    rate: int(env, 'BENCH_RATE', DEFAULTS.rate, 1, 100_000),
    burstRounds: int(env, 'BENCH_ROUNDS', DEFAULTS.burstRounds, 1, 20),
    pacedRounds: int(env, 'BENCH_PACED_ROUNDS', DEFAULTS.pacedRounds, 1, 20),
    kinds: subset(env, 'BENCH_SERVERS', ALL_KINDS, DEFAULTS.kinds),
    loaders: int(env, 'BENCH_LOADERS', DEFAULTS.loaders, 1, 16),
    idle: int(env, 'BENCH_IDLE', DEFAULTS.idle, 1, 100_000),
    idleClients: int(env, 'BENCH_IDLE_CLIENTS', DEFAULTS.idleClients, 1, 16),
    calls: int(env, 'BENCH_CALLS', DEFAULTS.calls, 1, 50),
    fileMegabytes: int(env, 'BENCH_FILE_MB', DEFAULTS.fileMegabytes, 1, 4000),
    fileRounds: int(env, 'BENCH_FILE_ROUNDS', DEFAULTS.fileRounds, 1, 10),
    effectsSeconds: int(env, 'BENCH_EFFECTS_S', DEFAULTS.effectsSeconds, 3, 300),
    parts: subset(env, 'BENCH_PARTS', PARTS, DEFAULTS.parts),
    profile: env.BENCH_PROFILE === '1',
  });
}
