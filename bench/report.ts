/**
 * The benchmark table, as plain text for the terminal or Markdown for docs/benchmarks.md.
 * Targets are shown next to the figures, never asserted.
 */
import type { BenchResults } from './main.js';
import { callTables } from './report-calls.js';
import { fmt, mark, type Table } from './report-cells.js';
import { ratio } from './stats.js';

const KB = 1024;

const NAMES: Record<string, string> = { duet: 'duet', 'duet-b': 'duet-b', sio: 'bare sio', ws: 'plain ws', peerjs: 'peerjs' };

/** Columns for duet and each baseline present, then duet/baseline ratios. */
function columns<T extends { kind: string }>(list: readonly T[]) {
  const duet = list.find((s) => s.kind === 'duet');
  const others = list.filter((s) => s.kind !== 'duet');
  return {
    duet,
    head: [...(duet ? ['duet'] : []), ...others.map((s) => NAMES[s.kind] ?? s.kind), ...others.map((s) => `duet/${s.kind}`)],
    cells: (pick: (s: T) => number, digits = 2) => [
      ...(duet ? [fmt(pick(duet), digits)] : []),
      ...others.map((s) => fmt(pick(s), digits)),
      ...others.map((s) => fmt(ratio(duet && pick(duet), pick(s)))),
    ],
    vs: (kind: string, pick: (s: T) => number) => ratio(duet && pick(duet), ((o) => o && pick(o))(list.find((s) => s.kind === kind))),
  };
}

/** `>=0.9x sio (met)`-style target cell; a missing baseline gives no verdict. */
function target(text: string, value: number, met: (v: number) => boolean): string {
  return `${text}${mark(Number.isFinite(value) ? met(value) : undefined)}`;
}

function rows(r: BenchResults): Table[] {
  const tables: Table[] = [];
  if (r.signaling.length > 0) {
    const c = columns(r.signaling);
    const tput = (s: (typeof r.signaling)[number]) => s.burst.messagesPerSecond;
    tables.push({
      title: `Negotiation burst and paced mode: ${r.options.rooms} rooms, ${r.options.rooms * 2} WSS sockets (8 KB offer/answer, 20 candidates each way)`,
      head: ['figure', ...c.head, 'target'],
      body: [
        [
          'burst messages/s (median of rounds)',
          ...c.cells(tput),
          `${target('>=0.9x sio', c.vs('sio', tput), (v) => v >= 0.9)}, ${target('>=0.9x ws', c.vs('ws', tput), (v) => v >= 0.9)}, ${target('>=1.0x peerjs', c.vs('peerjs', tput), (v) => v >= 1)}`,
        ],
        ['burst time to finish, ms', ...c.cells((s) => s.burst.finishMs), ''],
        ['burst server CPU per message, µs', ...c.cells((s) => s.burst.serverCpuUsPerMessage), ''],
        ['burst load-generator CPU, cores', ...c.cells((s) => s.burst.loaderBusy), ''],
        ['burst relay latency p50, ms', ...c.cells((s) => s.burst.latency.p50), ''],
        ['burst relay latency p95, ms', ...c.cells((s) => s.burst.latency.p95), ''],
        ['burst relay latency p99, ms', ...c.cells((s) => s.burst.latency.p99), ''],
        [`paced ${r.options.rate}/s relay latency p50, ms`, ...c.cells((s) => s.paced.latency.p50), ''],
        [`paced ${r.options.rate}/s relay latency p95, ms`, ...c.cells((s) => s.paced.latency.p95), ''],
        [
          `paced ${r.options.rate}/s relay latency p99, ms`,
          ...c.cells((s) => s.paced.latency.p99),
          `<=5 ms${mark(c.duet ? c.duet.paced.latency.p99 <= 5 : undefined)}`,
        ],
        [`paced negotiation p50, ms`, ...c.cells((s) => s.paced.negotiation.p50), ''],
        ['server RSS after, MB', ...c.cells((s) => s.serverRssAfter / KB / KB), ''],
      ],
    });
  }
  if (r.idle.length > 0) {
    const c = columns(r.idle);
    const first = c.duet ?? r.idle[0]!;
    const rss = (s: (typeof r.idle)[number]) => s.rssPerConnection / KB;
    const heap = (s: (typeof r.idle)[number]) => s.heapPerConnection / KB;
    tables.push({
      title: `Idle capacity: ${first.opened} idle WSS connections${first.cappedBy ? ` (capped by ${first.cappedBy})` : ''}`,
      head: ['figure', ...c.head, 'target'],
      body: [
        ['connections opened', ...c.cells((s) => s.opened, 0), ''],
        ['still open at the server', ...c.cells((s) => s.serverCounted, 0), ''],
        ['connections/s', ...c.cells((s) => s.connectionsPerSecond, 0), ''],
        [
          'server RSS per connection, KB',
          ...c.cells(rss, 1),
          `${target('<=1.1x sio', c.vs('sio', rss), (v) => v <= 1.1)}, <=30 KB${mark(c.duet ? rss(c.duet) <= 30 : undefined)}`,
        ],
        ['server heap per connection, KB', ...c.cells(heap, 1), target('<=1.1x sio', c.vs('sio', heap), (v) => v <= 1.1)],
        ['server CPU while idle, % of a core', ...c.cells((s) => s.idleCpuCores * 100, 1), ''],
      ],
    });
  }
  if (r.calls) tables.push(...callTables(r.calls));
  if (r.files) {
    const f = r.files;
    tables.push({
      title: `File transfer: ${f.megabytes} MB over a loopback data channel in one page (headless Chromium), median of ${f.duet.length}`,
      head: ['figure', 'duet', 'bare data channel', 'duet/bare', 'note'],
      body: [
        [
          'throughput, MB/s',
          fmt(f.duetMedian, 1),
          fmt(f.bareMedian, 1),
          fmt(ratio(f.duetMedian, f.bareMedian)),
          'SHA-256 in a Worker each side (as the page), headers, Blob reassembly',
        ],
        [
          "same, SHA-256 on the page's thread, MB/s",
          fmt(f.duetInThreadMedian, 1),
          fmt(f.bareMedian, 1),
          fmt(ratio(f.duetInThreadMedian, f.bareMedian)),
          'the fallback without Workers',
        ],
        ['SHA-256 in the page, MB/s', fmt(f.hash.noble, 1), fmt(f.hash.native, 1), '', '@noble/hashes incremental / crypto.subtle one-shot'],
      ],
    });
  }
  if (r.thin?.status === 'skipped') tables.push({ title: `Thin link: skipped (${r.thin.detail})`, head: ['figure'], body: [] });
  if (r.thin?.duet && r.thin.plain) {
    const { duet, plain, capKbit } = r.thin;
    const s = (ms: number | null) => (ms === null ? 'not within 60 s' : fmt(ms / 1000, 1));
    tables.push({
      title: `Thin link: one call with host a capped at ${capKbit} kbit/s each way (tbf, network namespaces), audio over seconds 8-20 under the cap`,
      head: ['figure', 'duet', 'plain page', 'duet/plain', 'note'],
      body: [
        [
          'audio lost, a receives, %',
          fmt(duet.aReceives.lossPercent, 1),
          fmt(plain.aReceives.lossPercent, 1),
          fmt(ratio(duet.aReceives.lossPercent, plain.aReceives.lossPercent)),
          "through a's capped downlink",
        ],
        [
          'audio lost, b receives, %',
          fmt(duet.bReceives.lossPercent, 1),
          fmt(plain.bReceives.lossPercent, 1),
          fmt(ratio(duet.bReceives.lossPercent, plain.bReceives.lossPercent)),
          "through a's capped uplink",
        ],
        ['audio packets/s, a receives', fmt(duet.aReceives.packetsPerSecond, 1), fmt(plain.aReceives.packetsPerSecond, 1), '', 'Opus sends 50'],
        ['audio packets/s, b receives', fmt(duet.bReceives.packetsPerSecond, 1), fmt(plain.bReceives.packetsPerSecond, 1), '', ''],
        ['video frames again after the cap lifts, s', s(duet.videoBackMs), s(plain.videoBackMs), '', 'both sides decode new frames (0: video never stopped)'],
        ['video back at its earlier size and rate, s', s(duet.fullVideoMs), s(plain.fullVideoMs), '', 'both sides'],
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
    for (const row of all)
      out.push(`  ${row.map((cell, i) => (i === 0 || i === row.length - 1 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ')}`.trimEnd());
    out.push('');
  }
  if (r.errors.length > 0) out.push('Errors:', ...r.errors.map((e) => `  ${e}`));
  return out.join('\n');
}
