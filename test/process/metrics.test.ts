/**
 * The real entry point's metrics port: served over plain HTTP on METRICS_PORT, bound
 * to 127.0.0.1 unless METRICS_HOST says otherwise, closed at shutdown, and absent
 * (no extra listening socket at all) when METRICS_PORT is unset.
 */
import { mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { freePort, spawnDuet, spawnEntry, type Entry } from '../support/entry.js';
import { fetchOnce } from '../support/http.js';
import { parseExposition, sampleValue } from '../support/prometheus.js';

/** The TCP ports process `pid` listens on, from /proc (its socket inodes matched against the LISTEN table). */
function listeningPorts(pid: number): number[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match) inodes.add(match[1]!);
    } catch {
      // closed meanwhile
    }
  }
  const ports = new Set<number>();
  for (const table of ['tcp', 'tcp6']) {
    for (const line of readFileSync(`/proc/${pid}/net/${table}`, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10 || fields[3] !== '0A' || !inodes.has(fields[9]!)) continue;
      ports.add(parseInt(fields[1]!.split(':')[1]!, 16));
    }
  }
  return [...ports].sort((a, b) => a - b);
}

/** Resolves with the error code of a TCP connection to `host:port`, or 'connected'. */
function tryConnect(host: string, port: number): Promise<string> {
  return new Promise((ok) => {
    const socket = connect({ host, port, timeout: 3000 });
    socket.once('connect', () => (socket.destroy(), ok('connected')));
    socket.once('timeout', () => (socket.destroy(), ok('timeout')));
    socket.once('error', (error: NodeJS.ErrnoException) => ok(error.code ?? 'error'));
  });
}

describe('the metrics port of the real process', () => {
  const certsDir = mkdtempSync(join(tmpdir(), 'duet-metrics-'));
  const entries: Entry[] = [];
  afterEach(() => {
    for (const entry of entries.splice(0)) entry.kill();
  });
  afterAll(() => rmSync(certsDir, { recursive: true, force: true }));

  async function start(env: Record<string, string>) {
    const entry = await spawnDuet({ HOST: '127.0.0.1', CERTS_DIR: certsDir, ...env });
    entries.push(entry);
    return entry;
  }

  it('serves process and duet metrics on METRICS_PORT, only on 127.0.0.1 by default, until shutdown', async () => {
    const port = await freePort();
    const duet = await start({ METRICS_PORT: String(port) });
    await duet.waitFor(`Prometheus metrics at http://127.0.0.1:${port}/metrics`);
    const reply = await fetchOnce(`http://127.0.0.1:${port}/metrics`);
    expect(reply.status).toBe(200);
    const exposition = parseExposition(reply.body.toString());
    expect(sampleValue(exposition, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(exposition.types.get('nodejs_eventloop_lag_seconds')).toBe('gauge');
    expect(sampleValue(exposition, 'duet_connected_sockets')).toBe(0);
    expect(listeningPorts(duet.child.pid!)).toEqual([duet.port, port].sort((a, b) => a - b));
    // bound to 127.0.0.1 alone: another loopback address of this machine is refused
    expect(await tryConnect('127.0.0.2', port)).toBe('ECONNREFUSED');
    duet.child.kill('SIGTERM');
    expect(await duet.exited()).toBe(0);
    expect(await tryConnect('127.0.0.1', port)).toBe('ECONNREFUSED');
  }, 90_000);

  it('listens on METRICS_HOST when set', async () => {
    const port = await freePort();
    await start({ METRICS_PORT: String(port), METRICS_HOST: '127.0.0.2' });
    expect((await fetchOnce(`http://127.0.0.2:${port}/metrics`)).status).toBe(200);
    expect(await tryConnect('127.0.0.1', port)).toBe('ECONNREFUSED');
  }, 90_000);

  it('opens no port but the HTTPS one when METRICS_PORT is unset', async () => {
    const duet = await start({});
    expect(listeningPorts(duet.child.pid!)).toEqual([duet.port]);
    expect(duet.output()).not.toContain('Prometheus');
  }, 90_000);

  it('refuses to start when METRICS_PORT is taken, naming the variable', async () => {
    const taken = await start({});
    const entry = spawnEntry({ PORT: '0', HOST: '127.0.0.1', CERTS_DIR: certsDir, METRICS_PORT: String(taken.port) });
    entries.push(entry);
    expect(await entry.exited(60_000)).toBe(1);
    expect(entry.output()).toContain(`another program is using METRICS_PORT=${taken.port}`);
  }, 90_000);
});
