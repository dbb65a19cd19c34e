/**
 * `npm run bench`: runs the benchmark parts against duet and its baselines,
 * prints a table and writes the raw figures to bench/results/.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureCertificates } from '../src/server/lan/certs.js';
import { benchCalls, type CallsResult } from './calls-bench.js';
import { benchCluster, type ClusterResult } from './cluster-bench.js';
import { benchEffects, type EffectsResult } from './effects-bench.js';
import { benchFiles, type FilesResult } from './files-bench.js';
import { benchIdle, type IdleResult } from './idle-bench.js';
import { loadOptions } from './options.js';
import { formatReport } from './report.js';
import type { BenchEnv } from './servers.js';
import { benchSignaling, type SignalingResult } from './signaling-bench.js';
import { benchThin, type ThinResult } from './thin-bench.js';

export interface BenchResults {
  startedAt: string;
  machine: { cpu: string; cores: number; memoryGiB: number; node: string; platform: string };
  options: ReturnType<typeof loadOptions>;
  signaling: SignalingResult[];
  idle: IdleResult[];
  calls: CallsResult | undefined;
  /** One node against two nodes through Redis. */
  cluster?: ClusterResult;
  files?: FilesResult | undefined;
  /** A call on a 100 kbit/s link in network namespaces, duet against the plain page. */
  thin?: ThinResult;
  /** Blur, noise suppression and recording against a call without them. */
  effects?: EffectsResult | undefined;
  errors: string[];
  durationS: number;
}

const say = (line: string) => console.log(line);

async function main(): Promise<void> {
  const options = loadOptions();
  const started = Date.now();
  const resultsDir = resolve('bench/results');
  const tmpDir = await mkdtemp(join(tmpdir(), 'duet-bench-'));
  await mkdir(resultsDir, { recursive: true });
  const profileDir = options.profile ? join(resultsDir, 'profiles') : undefined;
  const certs = await ensureCertificates({ dir: join(tmpDir, 'certs'), names: ['localhost', '127.0.0.1'] });
  const env: BenchEnv = { certsDir: join(tmpDir, 'certs'), ca: certs.ca, publicDir: resolve('dist/public'), tmpDir, profileDir };
  const results: BenchResults = {
    startedAt: new Date(started).toISOString(),
    machine: {
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
    },
    options,
    signaling: [],
    idle: [],
    calls: undefined,
    errors: [],
    durationS: 0,
  };
  const attempt = async (what: string, work: () => Promise<void>) => {
    try {
      await work();
    } catch (error) {
      const message = `${what}: ${error instanceof Error ? error.message : String(error)}`;
      results.errors.push(message);
      say(`  FAILED ${message}`);
    }
  };

  try {
    if (options.parts.includes('signaling')) {
      say(`signaling: ${options.rooms} rooms (${options.rooms * 2} WSS sockets), ${options.loaders} load process(es)`);
      await attempt('signaling', async () => void (results.signaling = await benchSignaling(options.kinds, options, env, say)));
    }
    if (options.parts.includes('idle')) {
      say(`idle: up to ${options.idle} WSS connections from ${options.idleClients} client processes`);
      for (const kind of options.kinds.filter((k) => k !== 'peerjs')) {
        await attempt(`idle ${kind}`, async () => void results.idle.push(await benchIdle(kind, options, env, say)));
      }
    }
    if (options.parts.includes('calls')) {
      say(`calls: ${options.calls} calls in headless Chromium, and the in-page floor`);
      await attempt('calls', async () => void (results.calls = await benchCalls(options, env, say)));
    }
    if (options.parts.includes('cluster')) {
      say(`cluster: ${options.rooms} rooms on one node, then across two nodes sharing a redis-server`);
      await attempt('cluster', async () => void (results.cluster = await benchCluster(options, env, say)));
    }
    if (options.parts.includes('files')) {
      say(`files: a ${options.fileMegabytes} MB file over a loopback data channel in headless Chromium, duet against bare`);
      await attempt('files', async () => void (results.files = await benchFiles(options, env, say)));
    }
    if (options.parts.includes('thin')) {
      say('thin: one call on a 100 kbit/s link in network namespaces, duet and the plain tutorial page');
      await attempt('thin', async () => void (results.thin = await benchThin(say)));
    }
    if (options.parts.includes('effects')) {
      say(`effects: blur, noise suppression and recording in a call in headless Chromium, ${options.effectsSeconds} s each, against the call without them`);
      await attempt('effects', async () => void (results.effects = await benchEffects(options, env, say)));
    }
  } finally {
    await rm(tmpDir, { recursive: true, force: true });
  }
  results.durationS = Math.round((Date.now() - started) / 1000);
  const file = join(resultsDir, `bench-${results.startedAt.replace(/[:.]/g, '-')}.json`);
  await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
  await writeFile(join(resultsDir, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  await writeFile(join(resultsDir, 'latest.md'), `${formatReport(results, 'markdown')}\n`);
  say('');
  say(formatReport(results));
  say(`\nraw results: ${file}`);
  say(`finished in ${results.durationS} s`);
  if (results.errors.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error('bench:', error instanceof Error ? error.stack : error);
  process.exit(1);
});
