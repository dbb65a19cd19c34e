/**
 * Starts a server under test in its own process and reads its memory.
 */
import { openSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { startChild, type Child } from './rpc.js';
import type { Kind } from './wire.js';

const here = fileURLToPath(new URL('.', import.meta.url));
export const script = (name: string) => join(here, `${name}.js`);

export interface BenchEnv {
  /** Folder with ca.pem, cert.pem, key.pem made for this run. */
  certsDir: string;
  ca: string;
  publicDir: string;
  /** Scratch folder for server logs. */
  tmpDir: string;
  /** Where CPU profiles go when profiling, else undefined. */
  profileDir: string | undefined;
}

export interface ServerStats {
  /** Open connections as the server counts them. */
  connections: number;
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  cpu: { user: number; system: number };
}

export interface RunningServer {
  kind: Kind;
  port: number;
  fileLimit: number;
  child: Child;
  stats(): Promise<ServerStats>;
  /** CPU time used so far, ms (no GC forced). */
  cpuMs(): Promise<number>;
  profileStart(): Promise<unknown>;
  /** Writes the CPU profile taken since profileStart() to `path`. */
  profileStop(path: string): Promise<unknown>;
  stop(): Promise<void>;
}

/** `BENCH_DUET_B_ENV="A=1,B=2"`: variables for the duet-b process only (e.g. WS_NO_BUFFER_UTIL=1 for an A/B of the add-on). */
function duetBEnv(): NodeJS.ProcessEnv {
  const pairs = (process.env.BENCH_DUET_B_ENV ?? '')
    .split(',')
    .filter(Boolean)
    .map((p) => p.split('=', 2) as [string, string]);
  return Object.fromEntries(pairs);
}

/** `extraEnv` reaches the server's environment (REDIS_URL for a node of several). */
export async function startServer(kind: Kind, env: BenchEnv, label: string, extraEnv: Record<string, string> = {}): Promise<RunningServer> {
  const execArgv = ['--expose-gc'];
  const log = openSync(join(env.tmpDir, `${label}-${kind}.log`), 'a');
  const childEnv = { ...process.env, ...(kind === 'duet-b' ? duetBEnv() : {}), ...extraEnv };
  const child = startChild(`${kind} server`, script('serve'), [kind, env.certsDir, env.publicDir], { execArgv, log, env: childEnv });
  const info = (await child.ready) as { port: number; fileLimit: number };
  return {
    kind,
    port: info.port,
    fileLimit: info.fileLimit,
    child,
    stats: () => child.call<ServerStats>('stats'),
    cpuMs: () => child.call<{ user: number; system: number }>('cpu').then((c) => (c.user + c.system) / 1000),
    stop: () => child.stop(),
    profileStart: () => child.call('profileStart'),
    profileStop: (path: string) => child.call('profileStop', path),
  };
}
