/**
 * The benchmark table, as plain text for the terminal or Markdown for docs/benchmarks.md.
 * Targets are shown next to the figures, never asserted.
 */
import type { BenchResults } from './main.js';
import { ratio, round } from './stats.js';

type Row = string[];
const KB = 1024;

function fmt(value: number | undefined, digits = 2): string {
  return value === undefined || !Number.isFinite(value) ? '-' : String(round(value, digits));
}

function mark(met: boolean | undefined): string {
  return met === undefined ? '' : met ? ' (met)' : ' (MISSED)';
}

function rows(r: BenchResults): { title: string; head: Row; body: Row[] }[] {
  const tables: { title: string; head: Row; body: Row[] }[] = [];
  const by = (kind: string) => r.signaling.find((s) => s.kind === kind);
  const duet = by('duet');
  const ws = by('ws');
  const peer = by('peerjs');
  if (r.signaling.length > 0) {
    const vs = (pick: (s: NonNullable<typeof duet>) => number) => [
      fmt(duet && pick(duet)), fmt(ws && pick(ws)), fmt(peer && pick(peer)),
      fmt(ratio(duet && pick(duet), ws && pick(ws))), fmt(ratio(duet && pick(duet), peer && pick(peer))),
    ];
    const tput = (kind: typeof duet) => kind?.burst.messagesPerSecond;
    const vsWs = ratio(tput(duet), tput(ws));
    const vsPeer = ratio(tput(duet), tput(peer));
    tables.push({
      title: `Negotiation burst and paced mode: ${r.options.rooms} rooms, ${r.options.rooms * 2} WSS sockets (8 KB offer/answer, 20 candidates each way)`,
      head: ['figure', 'duet', 'plain ws', 'peerjs', 'duet/ws', 'duet/peerjs', 'target'],
      body: [
        ['burst messages/s (median of rounds)', ...vs((s) => s.burst.messagesPerSecond),
          `>=0.9x ws${mark(Number.isFinite(vsWs) ? vsWs >= 0.9 : undefined)}, >=1.0x peerjs${mark(Number.isFinite(vsPeer) ? vsPeer >= 1 : undefined)}`],
        ['burst time to finish, ms', ...vs((s) => s.burst.finishMs), ''],
        ['burst server CPU per message, µs', ...vs((s) => s.burst.serverCpuUsPerMessage), ''],
        ['burst load-generator CPU, cores', ...vs((s) => s.burst.loaderBusy), ''],
        ['burst relay latency p50, ms', ...vs((s) => s.burst.latency.p50), ''],
        ['burst relay latency p95, ms', ...vs((s) => s.burst.latency.p95), ''],
        ['burst relay latency p99, ms', ...vs((s) => s.burst.latency.p99), ''],
        [`paced ${r.options.rate}/s relay latency p50, ms`, ...vs((s) => s.paced.latency.p50), ''],
        [`paced ${r.options.rate}/s relay latency p95, ms`, ...vs((s) => s.paced.latency.p95), ''],
        [`paced ${r.options.rate}/s relay latency p99, ms`, ...vs((s) => s.paced.latency.p99),
          `<=5 ms${mark(duet ? duet.paced.latency.p99 <= 5 : undefined)}`],
        [`paced negotiation p50, ms`, ...vs((s) => s.paced.negotiation.p50), ''],
        ['server RSS after, MB', ...vs((s) => s.serverRssAfter / KB / KB), ''],
      ],
    });
  }
  if (r.idle.length > 0) {
    const d = r.idle.find((s) => s.kind === 'duet');
    const w = r.idle.find((s) => s.kind === 'ws');
    const pair = (pick: (s: NonNullable<typeof d>) => number, digits = 1) => [fmt(d && pick(d), digits), fmt(w && pick(w), digits), fmt(ratio(d && pick(d), w && pick(w)))];
    const capped = d?.cappedBy ?? w?.cappedBy;
    tables.push({
      title: `Idle capacity: ${d?.opened ?? w?.opened ?? 0} idle WSS connections${capped ? ` (capped by ${capped})` : ''}`,
      head: ['figure', 'duet', 'plain ws', 'duet/ws', 'target'],
      body: [
        ['connections opened', ...pair((s) => s.opened, 0), ''],
        ['still open at the server', ...pair((s) => s.serverCounted, 0), ''],
        ['connections/s', ...pair((s) => s.connectionsPerSecond, 0), ''],
        ['server RSS per connection, KB', ...pair((s) => s.rssPerConnection / KB), `<=30 KB${mark(d ? d.rssPerConnection <= 30 * KB : undefined)}`],
        ['server heap per connection, KB', ...pair((s) => s.heapPerConnection / KB), ''],
        ['server CPU while idle, % of a core', ...pair((s) => s.idleCpuCores * 100), ''],
      ],
    });
  }
  if (r.calls) {
    const c = r.calls;
    const body: Row[] =
      c.status === 'ok'
        ? [
            [`call setup, median of ${c.duet.length}, ms`, fmt(c.duetMedian, 0), fmt(c.floorMedian, 0), fmt(ratio(c.duetMedian, c.floorMedian)), `<=1.3x${mark(ratio(c.duetMedian, c.floorMedian) <= 1.3)}`],
          ]
        : [['call setup', c.status, fmt(c.floorMedian, 0), '-', c.detail]];
    tables.push({ title: 'Call setup: second join to first decoded remote frame on both sides (headless Chromium, fake devices)', head: ['figure', 'duet page', 'in-page floor', 'duet/floor', 'target'], body });
  }
  if (r.files) {
    const f = r.files;
    tables.push({
      title: `File transfer: ${f.megabytes} MB over a loopback data channel in one page (headless Chromium), median of ${f.duet.length}`,
      head: ['figure', 'duet', 'bare data channel', 'duet/bare', 'note'],
      body: [
        ['throughput, MB/s', fmt(f.duetMedian, 1), fmt(f.bareMedian, 1), fmt(ratio(f.duetMedian, f.bareMedian)), 'SHA-256 in a Worker each side (as the page), headers, Blob reassembly'],
        ['same, SHA-256 on the page\'s thread, MB/s', fmt(f.duetInThreadMedian, 1), fmt(f.bareMedian, 1), fmt(ratio(f.duetInThreadMedian, f.bareMedian)), 'the fallback without Workers'],
        ['SHA-256 in the page, MB/s', fmt(f.hash.noble, 1), fmt(f.hash.native, 1), '', '@noble/hashes incremental / crypto.subtle one-shot'],
      ],
    });
  }
  return tables;
}

export function formatReport(r: BenchResults, style: 'text' | 'markdown' = 'text'): string {
  const out: string[] = [];
  for (const table of rows(r)) {
    const all = [table.head, ...table.body];
    if (style === 'markdown') {
      out.push(`**${table.title}**`, '', `| ${table.head.join(' | ')} |`, `|${table.head.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`);
      for (const row of table.body) out.push(`| ${row.join(' | ')} |`);
      out.push('');
      continue;
    }
    const widths = table.head.map((_, i) => Math.max(...all.map((row) => (row[i] ?? '').length)));
    out.push(table.title);
    for (const row of all) out.push(`  ${row.map((cell, i) => (i === 0 || i === row.length - 1 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')}`.trimEnd());
    out.push('');
  }
  if (r.errors.length > 0) out.push('Errors:', ...r.errors.map((e) => `  ${e}`));
  return out.join('\n');
}
