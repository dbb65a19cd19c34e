/**
 * A real redis-server for tests (Debian's redis-server package): on a free loopback
 * port, no persistence, a temporary folder; `stop()` ends it and removes the folder,
 * `kill()`/`restart()` let a test take Redis away and bring it back on the same port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';

export const REDIS_SERVER = ['/usr/bin/redis-server', '/usr/sbin/redis-server', '/usr/local/bin/redis-server'].find((p) => existsSync(p));

export interface RedisServer {
  port: number;
  url: string;
  log(): string;
  /** Stops it (SIGKILL: no goodbye to clients); the port stays this server's for `restart`. */
  kill(): Promise<void>;
  /** Starts it again on the same port (empty: nothing is saved). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Resolves true once `PING` on 127.0.0.1:port answers `+PONG`. */
function pongs(port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const finish = (ok: boolean) => (clearTimeout(timer), socket.destroy(), done(ok));
    const timer = setTimeout(() => finish(false), 500);
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => finish(data.toString().startsWith('+PONG')));
    socket.on('error', () => finish(false));
  });
}

export async function startRedis(): Promise<RedisServer> {
  if (!REDIS_SERVER) throw new Error('redis-server (Debian package redis-server) is not installed');
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'duet-redis-'));
  let child: ChildProcess | undefined;
  let output = '';

  async function launch(): Promise<void> {
    const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--protected-mode', 'yes'];
    const started = spawn(REDIS_SERVER!, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    child = started;
    started.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    started.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline && started.exitCode === null) {
      if (await pongs(port)) return;
      await new Promise((ok) => setTimeout(ok, 50));
    }
    await kill();
    throw new Error(`redis-server did not start on port ${port}:\n${output.slice(-2000)}`);
  }

  async function kill(): Promise<void> {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise((done) => running.once('exit', done));
    running.kill('SIGKILL');
    await exited;
  }

  await launch();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    log: () => output,
    kill,
    restart: launch,
    async stop() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** True when Redis tests should run; prints a notice when they will not (REQUIRE_REDIS=1 runs them anyway, to fail loudly). */
export function redisTestsEnabled(): boolean {
  if (REDIS_SERVER) return true;
  if (process.env.REQUIRE_REDIS === '1') return true;
  console.warn('\n*** SKIPPED: Redis tests (redis-server not installed: apt-get install redis-server; REQUIRE_REDIS=1 makes this a failure). ***\n');
  return false;
}
