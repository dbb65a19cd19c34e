/**
 * Part 3: idle capacity. Many idle WSS connections from several client
 * processes; the server's RSS and heap per connection and the connection rate.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { BenchOptions } from './options.js';
import { startChild, type Child } from './rpc.js';
import { script, startServer, type BenchEnv } from './servers.js';
import { round } from './stats.js';
import type { Kind } from './wire.js';

export interface IdleResult {
  kind: Kind;
  target: number;
  opened: number;
  failed: number;
  /** Connections the server still counted open when memory was read. */
  serverCounted: number;
  /** Why the target is below what was asked, if it is. */
  cappedBy: string | undefined;
  connectionsPerSecond: number;
  rssPerConnection: number;
  heapPerConnection: number;
  rssBefore: number;
  rssAfter: number;
  heapBefore: number;
  heapAfter: number;
  firstError: string | undefined;
  /** Server CPU while the connections sit idle (keep-alive pings), in cores. */
  idleCpuCores: number;
}

const FD_MARGIN = 64;
const IDLE_CPU_MS = 5000;
/** Time allowed for opening connections, so the whole bench stays bounded. */
const OPEN_BUDGET_MS = 90_000;
const settle = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

export async function benchIdle(kind: Kind, options: BenchOptions, env: BenchEnv, say: (line: string) => void): Promise<IdleResult> {
  const server = await startServer(kind, env, 'idle');
  const clients: Child[] = [];
  try {
    const target = Math.min(options.idle, server.fileLimit - FD_MARGIN);
    const cappedBy = target < options.idle ? `the server's open-file limit (${server.fileLimit})` : undefined;
    for (let i = 0; i < options.idleClients; i++) clients.push(startChild(`idle client ${i}`, script('idle-client'), []));
    await Promise.all(clients.map((c) => c.ready));
    await settle(500);
    const before = await server.stats();
    if (env.profileDir) await server.profileStart();
    const per = (i: number) => Math.floor(target / clients.length) + (i < target % clients.length ? 1 : 0);
    const results = await Promise.all(
      clients.map((c, i) =>
        c.call<{ opened: number; failed: number; ms: number; firstError?: string }>(
          'open',
          { kind, port: server.port, ca: env.ca, count: per(i), concurrency: 16, prefix: `idle${i}-`, budgetMs: OPEN_BUDGET_MS },
          OPEN_BUDGET_MS + 60_000,
        ),
      ),
    );
    if (env.profileDir) await mkdir(env.profileDir, { recursive: true }).then(() => server.profileStop(join(env.profileDir!, `connect-${kind}.cpuprofile`)));
    const opened = results.reduce((n, r) => n + r.opened, 0);
    const outOfTime = opened + results.reduce((n, r) => n + r.failed, 0) < target;
    const failed = results.reduce((n, r) => n + r.failed, 0);
    const seconds = Math.max(...results.map((r) => r.ms)) / 1000;
    await settle(2000);
    const cpu0 = await server.cpuMs();
    await settle(IDLE_CPU_MS);
    const idleCpu = ((await server.cpuMs()) - cpu0) / IDLE_CPU_MS;
    const after = await server.stats();
    const result: IdleResult = {
      kind,
      target,
      opened,
      failed,
      serverCounted: after.connections,
      cappedBy: outOfTime ? `the ${OPEN_BUDGET_MS / 1000} s time budget` : cappedBy,
      connectionsPerSecond: round(opened / seconds, 0),
      rssPerConnection: round((after.rss - before.rss) / after.connections, 0),
      heapPerConnection: round((after.heapUsed - before.heapUsed) / after.connections, 0),
      rssBefore: before.rss,
      rssAfter: after.rss,
      heapBefore: before.heapUsed,
      heapAfter: after.heapUsed,
      firstError: results.find((r) => r.firstError)?.firstError,
      idleCpuCores: round(idleCpu, 3),
    };
    say(
      `  ${kind}: ${opened} idle connections at ${result.connectionsPerSecond}/s, ${round(result.rssPerConnection / 1024, 1)} KB RSS each, ${round(result.idleCpuCores * 100, 1)}% CPU idle${failed ? `, ${failed} failed (${result.firstError})` : ''}`,
    );
    await Promise.all(clients.map((c) => c.call('close')));
    return result;
  } finally {
    await Promise.all([...clients.map((c) => c.stop()), server.stop()]);
  }
}
