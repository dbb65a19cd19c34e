/**
 * A server under test, in its own process: `node serve.js <duet|ws|peerjs> <certsDir> <publicDir>`.
 * Tells the parent its port, then answers `stats` (memory after a full GC) until stopped.
 */
import { readFileSync } from 'node:fs';
import type { Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { PeerServer } from 'peer';
import { createServer } from '../src/server/app.js';
import { createLog4jsLogger, type LogLevel } from '../src/server/logger.js';
import { createWsRelay } from './baseline-ws.js';
import { serve } from './rpc.js';

const [kind, certsDir, publicDir] = process.argv.slice(2) as [string, string, string];
const tls = { key: readFileSync(join(certsDir, 'key.pem'), 'utf8'), cert: readFileSync(join(certsDir, 'cert.pem'), 'utf8') };

function listening(server: Server): Promise<number> {
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok((server.address() as AddressInfo).port)));
}

async function start(): Promise<number> {
  if (kind === 'duet') {
    // duet as shipped: the production logger at its default level, writing to stdout (a file here)
    const logger = createLog4jsLogger({ level: (process.env.BENCH_LOG_LEVEL ?? 'info') as LogLevel });
    const duet = createServer({ port: 0, host: '127.0.0.1' }, { logger, tls, publicDir });
    return (await duet.listen()).port;
  }
  if (kind === 'ws') return listening(createWsRelay(tls));
  if (kind === 'peerjs') {
    return new Promise((ok) => {
      PeerServer({ port: 0, host: '127.0.0.1', ssl: tls, concurrent_limit: 1_000_000 }, (server) =>
        ok((server.address() as AddressInfo).port),
      );
    });
  }
  throw new Error(`unknown server kind ${kind}`);
}

function fileLimit(): number {
  const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
  return Number(line?.split(/\s+/)[3] ?? NaN);
}

function stats() {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, cpu: process.cpuUsage() };
}

const port = await start();
serve({ stats }, { port, fileLimit: fileLimit(), pid: process.pid });
