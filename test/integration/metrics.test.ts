/**
 * GET /metrics on its own plain-HTTP port, fed by a real server with real traffic:
 * Prometheus text, counters that move with joins, relays and refusals, gauges that
 * follow sockets and seats, no room names or socket ids, nothing on the HTTPS port.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/server/config/config.js';
import { silentLogger } from '../../src/server/log/logger.js';
import { createMetricsServer, type MetricsServer } from '../../src/server/http/metrics-server.js';
import { fetchOnce } from '../support/http.js';
import { parseExposition, sampleValue, type Exposition } from '../support/prometheus.js';
import { joinRoom, next, startServer, type Client, type Running } from '../support/server.js';

const ROOM = 'kitchen-metrics-7f3a';

async function serveMetrics(running: Running): Promise<{ server: MetricsServer; url: string }> {
  const server = createMetricsServer({ port: 0, host: '127.0.0.1' }, { registry: running.server.metrics.registry, logger: silentLogger });
  const { url } = await server.listen();
  return { server, url };
}

async function scrape(url: string): Promise<{ text: string; exposition: Exposition }> {
  const reply = await fetchOnce(url);
  expect(reply.status).toBe(200);
  expect(reply.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  const text = reply.body.toString();
  return { text, exposition: parseExposition(text) };
}

function send(socket: Client, room: string, data: unknown): Promise<unknown> {
  return socket.timeout(3000).emitWithAck('message', room as never, data as never);
}

describe('metrics with real traffic', () => {
  let running: Running;
  let metrics: { server: MetricsServer; url: string };
  beforeAll(async () => {
    running = await startServer();
    metrics = await serveMetrics(running);
  });
  afterAll(async () => {
    await metrics.server.close();
    await running.close();
  });

  it('serves Prometheus text whose counters and gauges move with joins, relays and refusals', async () => {
    const before = (await scrape(metrics.url)).exposition;
    const alice = await running.client();
    const bob = await running.client();
    const carol = await running.client();
    await joinRoom(alice, ROOM);
    await joinRoom(bob, ROOM);
    expect(await joinRoom(carol, ROOM)).toEqual({ ok: false, error: 'room-full' });
    expect(await send(alice, ROOM, { type: 'offer', sdp: 'v=0' })).toEqual({ ok: true });
    expect(await send(bob, ROOM, { type: 'answer', sdp: 'v=0' })).toEqual({ ok: true });
    expect(await send(alice, ROOM, { type: 'candidate', label: 0, id: '0', candidate: 'candidate:1' })).toEqual({ ok: true });
    expect(await send(bob, ROOM, 'got user media')).toEqual({ ok: true });
    expect(await send(carol, ROOM, { type: 'offer', sdp: 'v=0' })).toEqual({ ok: false, error: 'not-in-room' });
    expect(await joinRoom(carol, '../etc')).toEqual({ ok: false, error: 'invalid-room' });

    const { text, exposition: after } = await scrape(metrics.url);
    const delta = (name: string, labels: Record<string, string> = {}) => (sampleValue(after, name, labels) ?? NaN) - (sampleValue(before, name, labels) ?? 0);
    expect(delta('duet_admissions_total', { result: 'joined' })).toBe(2);
    expect(delta('duet_admissions_total', { result: 'full' })).toBe(1);
    for (const type of ['offer', 'answer', 'candidate', 'other']) expect(delta('duet_relayed_messages_total', { type }), type).toBe(1);
    expect(delta('duet_refusals_total', { code: 'room-full' })).toBe(1);
    expect(delta('duet_refusals_total', { code: 'not-in-room' })).toBe(1);
    expect(delta('duet_refusals_total', { code: 'invalid-room' })).toBe(1);
    expect(sampleValue(after, 'duet_connected_sockets')).toBe(3);
    expect(sampleValue(after, 'duet_open_rooms')).toBe(1);
    expect(sampleValue(after, 'duet_seated_people')).toBe(2);
    expect(sampleValue(after, 'duet_signed_in_names')).toBe(0);
    for (const family of ['duet_admissions_total', 'duet_relayed_messages_total', 'duet_refusals_total', 'duet_connected_sockets']) {
      expect(after.help.has(family), family).toBe(true);
      expect(after.types.has(family), family).toBe(true);
    }
    // no label names a room, a socket or a payload
    for (const secret of [ROOM, alice.id!, bob.id!, carol.id!, 'got user media', 'etc']) expect(text).not.toContain(secret);

    const gone = next(alice, 'bye');
    bob.disconnect();
    await gone;
    await expect.poll(async () => sampleValue((await scrape(metrics.url)).exposition, 'duet_seated_people'), { timeout: 5000 }).toBe(1);
    expect(sampleValue((await scrape(metrics.url)).exposition, 'duet_connected_sockets')).toBe(2);
  });

  it('counts signed-in names and the refusals of calls by name', async () => {
    const before = (await scrape(metrics.url)).exposition;
    const ann = await running.client();
    const bob = await running.client();
    expect(await ann.timeout(3000).emitWithAck('login', 'Ann')).toMatchObject({ ok: true });
    expect(await bob.timeout(3000).emitWithAck('login', 'Bob Metrics')).toMatchObject({ ok: true });
    expect(await ann.timeout(3000).emitWithAck('call', 'ann')).toEqual({ ok: false, error: 'self' });
    expect(await bob.timeout(3000).emitWithAck('cancel')).toEqual({ ok: false, error: 'no-such-call' });
    const { text, exposition: after } = await scrape(metrics.url);
    expect(sampleValue(after, 'duet_signed_in_names')).toBe(2);
    const delta = (code: string) => (sampleValue(after, 'duet_refusals_total', { code }) ?? NaN) - (sampleValue(before, 'duet_refusals_total', { code }) ?? 0);
    expect(delta('self')).toBe(1);
    expect(delta('no-such-call')).toBe(1);
    expect(text).not.toContain('Bob Metrics');
    ann.disconnect();
    bob.disconnect();
  });

  it('is not served on the public HTTPS port', async () => {
    const reply = await fetchOnce(`${running.url}/metrics`, { ca: running.ca });
    expect(reply.status).toBe(404);
    expect(reply.body.toString()).not.toContain('duet_');
  });

  it('answers 404 on the metrics port for anything but /metrics', async () => {
    expect((await fetchOnce(metrics.url.replace(/\/metrics$/, '/'))).status).toBe(404);
    expect((await fetchOnce(metrics.url.replace(/\/metrics$/, '/metrics/../livez'))).status).toBe(404);
  });
});

describe('metrics of rate limiting', () => {
  let running: Running;
  let metrics: { server: MetricsServer; url: string };
  beforeAll(async () => {
    running = await startServer({}, { limits: { ...DEFAULT_LIMITS, messageBurst: 3, messagePerSecond: 0.01 } });
    metrics = await serveMetrics(running);
  });
  afterAll(async () => {
    await metrics.server.close();
    await running.close();
  });

  it('counts the events answered rate-limited', async () => {
    const alice = await running.client();
    await joinRoom(alice, ROOM);
    const replies: unknown[] = [];
    for (let i = 0; i < 5; i++) replies.push(await send(alice, ROOM, 'ping'));
    const limited = replies.filter((reply) => (reply as { error?: string }).error === 'rate-limited').length;
    expect(limited).toBe(2);
    expect(sampleValue((await scrape(metrics.url)).exposition, 'duet_refusals_total', { code: 'rate-limited' })).toBe(2);
  });
});
