/**
 * The metrics module: its own registry (never prom-client's global one), gauges read
 * from sources at scrape time, counters with fixed label sets, and the seats the seat
 * owner counts.
 */
import { register as globalRegistry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createMetrics, relayType } from '../../src/server/metrics/metrics.js';
import { createSeats } from '../../src/server/rooms/seats.js';
import { createMemoryRoomStore } from '../../src/server/rooms/store.js';
import { createSeatTable } from '../../src/server/rooms/seat-table.js';
import { parseExposition, sampleValue } from '../support/prometheus.js';

async function scrape(metrics: ReturnType<typeof createMetrics>) {
  return parseExposition(await metrics.registry.metrics());
}

describe('metrics', () => {
  it('keep to a registry of their own: two instances do not clash and the global registry stays empty', async () => {
    const one = createMetrics();
    const two = createMetrics();
    one.relayed({ type: 'offer' });
    expect(sampleValue(await scrape(one), 'duet_relayed_messages_total', { type: 'offer' })).toBe(1);
    expect(sampleValue(await scrape(two), 'duet_relayed_messages_total', { type: 'offer' })).toBe(0);
    expect(globalRegistry.getMetricsAsArray()).toEqual([]);
  });

  it('show every label value at 0 before anything happens, with HELP and TYPE lines', async () => {
    const text = await scrape(createMetrics());
    for (const type of ['offer', 'answer', 'candidate', 'other']) expect(sampleValue(text, 'duet_relayed_messages_total', { type })).toBe(0);
    for (const result of ['joined', 'full', 'too-many-rooms', 'already-in-room']) expect(sampleValue(text, 'duet_admissions_total', { result })).toBe(0);
    for (const code of ['room-full', 'rate-limited', 'invalid-room', 'not-in-room']) expect(sampleValue(text, 'duet_refusals_total', { code })).toBe(0);
    expect(text.types.get('duet_admissions_total')).toBe('counter');
    expect(text.types.get('duet_open_rooms')).toBe('gauge');
    expect(text.help.get('duet_seated_people')).toMatch(/Seats/);
  });

  it('read gauges from their sources at every scrape', async () => {
    const metrics = createMetrics();
    let names = 3;
    metrics.setSource('signedInNames', () => names);
    expect(sampleValue(await scrape(metrics), 'duet_signed_in_names')).toBe(3);
    names = 5;
    expect(sampleValue(await scrape(metrics), 'duet_signed_in_names')).toBe(5);
    expect(sampleValue(await scrape(metrics), 'duet_connected_sockets')).toBe(0);
  });

  it('read asynchronous sources (a shared store), and NaN from a source that fails', async () => {
    const metrics = createMetrics();
    metrics.setSource('openRooms', async () => 7);
    metrics.setSource('signedInNames', () => Promise.reject(new Error('store down')));
    const text = await scrape(metrics);
    expect(sampleValue(text, 'duet_open_rooms')).toBe(7);
    expect(sampleValue(text, 'duet_signed_in_names')).toBeNaN();
  });

  it('count refusals of calls by name by their codes too', async () => {
    const metrics = createMetrics();
    metrics.refused('name-taken');
    const text = await scrape(metrics);
    expect(sampleValue(text, 'duet_refusals_total', { code: 'name-taken' })).toBe(1);
    expect(sampleValue(text, 'duet_refusals_total', { code: 'not-logged-in' })).toBe(0);
  });

  it('count counters across scrapes without counting twice', async () => {
    const metrics = createMetrics();
    metrics.refused('room-full');
    expect(sampleValue(await scrape(metrics), 'duet_refusals_total', { code: 'room-full' })).toBe(1);
    metrics.refused('room-full');
    metrics.refused('rate-limited');
    const text = await scrape(metrics);
    expect(sampleValue(text, 'duet_refusals_total', { code: 'room-full' })).toBe(2);
    expect(sampleValue(text, 'duet_refusals_total', { code: 'rate-limited' })).toBe(1);
  });

  it('sort relayed payloads into offer, answer, candidate and other only', () => {
    expect(relayType({ type: 'offer', sdp: 'x' })).toBe('offer');
    expect(relayType({ type: 'answer', sdp: 'x' })).toBe('answer');
    expect(relayType({ type: 'candidate', candidate: 'x' })).toBe('candidate');
    expect(relayType({ type: 'kitchen-secret' })).toBe('other');
    expect(relayType('got user media')).toBe('other');
    expect(relayType(null)).toBe('other');
    expect(relayType([1, 2])).toBe('other');
  });

  it('count seats taken and freed through the seat owner, and admissions by result', async () => {
    const metrics = createMetrics();
    const store = createMemoryRoomStore(createSeatTable());
    const peers = { tell: () => {}, addressOf: () => undefined, connected: async () => true };
    const seats = createSeats({ store, peers, metrics });
    await seats.join('kitchen', 'a', undefined);
    await seats.join('kitchen', 'b', undefined);
    await seats.join('kitchen', 'c', undefined);
    await seats.join('garden', 'a', undefined);
    let text = await scrape(metrics);
    expect(sampleValue(text, 'duet_seated_people')).toBe(3);
    expect(sampleValue(text, 'duet_admissions_total', { result: 'joined' })).toBe(3);
    expect(sampleValue(text, 'duet_admissions_total', { result: 'full' })).toBe(1);
    await seats.leave('kitchen', 'b');
    await seats.leave('kitchen', 'b'); // not seated: nothing freed
    expect(sampleValue(await scrape(metrics), 'duet_seated_people')).toBe(2);
    await seats.leaveAll('a');
    text = await scrape(metrics);
    expect(sampleValue(text, 'duet_seated_people')).toBe(0);
    expect(await store.others('kitchen', '')).toEqual([]);
  });
});

describe('the Prometheus text reader of the tests', () => {
  it('reads HELP, TYPE and samples with escaped label values', () => {
    const text =
      '# HELP a_total Things.\n# TYPE a_total counter\na_total{k="x\\"y",l="2"} 3\n# TYPE h histogram\nh_bucket{le="+Inf"} 1\nh_sum 0.5\nh_count 1\n';
    const exposition = parseExposition(text);
    expect(sampleValue(exposition, 'a_total', { k: 'x"y' })).toBe(3);
    expect(sampleValue(exposition, 'h_bucket', { le: '+Inf' })).toBe(1);
  });

  it.each([
    ['a sample without TYPE', 'a 1\n'],
    ['an unquoted label', '# TYPE a gauge\na{room=kitchen} 1\n'],
    ['a bad value', '# TYPE a gauge\na one\n'],
    ['a stray line', '# TYPE a gauge\nhello world\n'],
  ])('refuses %s', (_what, text) => {
    expect(() => parseExposition(text)).toThrow(/line \d/);
  });
});
