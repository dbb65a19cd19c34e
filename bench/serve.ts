/**
 * A server under test, in its own process: `node serve.js <duet|duet-b|sio|ws|peerjs> <certsDir> <publicDir>`.
 * Tells the parent its port, then answers `stats` (memory after a full GC) until stopped.
 */
import { existsSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector';
import type { Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PeerServer } from 'peer';
import { loadConfig } from '../src/server/config/config.js';
import { createLog4jsLogger } from '../src/server/log/logger.js';
import { createSioRelay } from './baseline-sio.js';
import { createWsRelay } from './baseline-ws.js';
import { serve } from './rpc.js';

const [kind, certsDir, publicDir] = process.argv.slice(2) as [string, string, string];
const tls = { key: readFileSync(join(certsDir, 'key.pem'), 'utf8'), cert: readFileSync(join(certsDir, 'cert.pem'), 'utf8') };

const LIFTED = '1000000';
const PER_ADDRESS_LIFTED = {
  MAX_CONNECTIONS_PER_ADDRESS: LIFTED,
  MAX_ROOMS_PER_ADDRESS: LIFTED,
  RATE_ADDRESS_JOIN_BURST: LIFTED,
  RATE_ADDRESS_JOIN_PER_SECOND: LIFTED,
  RATE_ADDRESS_MESSAGE_BURST: LIFTED,
  RATE_ADDRESS_MESSAGE_PER_SECOND: LIFTED,
};

let connections: () => number = () => NaN;

function listening(server: Server): Promise<number> {
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok((server.address() as AddressInfo).port)));
}

async function start(): Promise<number> {
  if (kind === 'duet' || kind === 'duet-b') {
    const dist = kind === 'duet-b' ? process.env.BENCH_DUET_B : undefined;
    if (kind === 'duet-b' && !dist) throw new Error('duet-b needs BENCH_DUET_B=<dist folder of the other build>');
    const { createServer } = (
      dist ? await import(pathToFileURL(join(dist, 'src/server/app.js')).href) : await import('../src/server/app.js')
    ) as typeof import('../src/server/app.js');
    // duet as shipped (production logger, default limits, or what the environment sets), except
    // that every simulated user comes from 127.0.0.1, so the per-address caps are lifted.
    const config = loadConfig({ ...process.env, ...PER_ADDRESS_LIFTED, LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info' });
    const logger = createLog4jsLogger({ level: config.logLevel });
    // duet-b serves its own build's pages, so the call part can compare two pages too
    const pages = dist && existsSync(join(dist, 'public')) ? join(dist, 'public') : publicDir;
    const duet = createServer({ ...config, port: 0, host: '127.0.0.1' }, { logger, tls, publicDir: pages });
    connections = () => duet.io.engine.clientsCount;
    return (await duet.listen()).port;
  }
  if (kind === 'sio' || kind === 'ws') {
    const relay = kind === 'sio' ? createSioRelay(tls) : createWsRelay(tls);
    connections = () => relay.connections();
    return listening(relay.server);
  }
  if (kind === 'peerjs') {
    return new Promise((ok) => {
      const peer = PeerServer({ port: 0, host: '127.0.0.1', ssl: tls, concurrent_limit: 1_000_000 }, (server) => ok((server.address() as AddressInfo).port));
      let open = 0;
      peer.on('connection', () => open++);
      peer.on('disconnect', () => open--);
      connections = () => open;
    });
  }
  throw new Error(`unknown server kind ${kind}`);
}

function fileLimit(): number {
  const line = readFileSync('/proc/self/limits', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('Max open files'));
  return Number(line?.split(/\s+/)[3] ?? NaN);
}

function stats() {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return { connections: connections(), rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal, external: m.external, cpu: process.cpuUsage() };
}

const port = await start();
const cpu = () => process.cpuUsage();

/** V8 CPU profile of just the measured phase (burst rounds), written to `path`. */
const inspector = new Session();
const post = (method: string, params?: object) =>
  new Promise<unknown>((ok, fail) => inspector.post(method, params, (error, result) => (error ? fail(error) : ok(result))));
async function profileStart(): Promise<void> {
  inspector.connect();
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 200 });
  await post('Profiler.start');
}
async function profileStop(path: string): Promise<void> {
  const { profile } = (await post('Profiler.stop')) as { profile: object };
  await writeFile(path, JSON.stringify(profile));
  inspector.disconnect();
}

serve({ stats, cpu, profileStart, profileStop }, { port, fileLimit: fileLimit(), pid: process.pid });
