/**
 * The call-setup tables: duet's page, the plain tutorial page and the in-page
 * floor with their ratios, then the phase breakdown of a call on each page.
 */
import type { CallsResult } from './calls-bench.js';
import type { Steps } from './calls-round.js';
import { fmt, mark, type Table } from './report-cells.js';
import { ratio } from './stats.js';

/** The phases of a call, in order: label, then the step names recorded by the page's init script (calls-page.ts). */
const PHASES: ReadonlyArray<[string, string]> = [
  ['socket ready (namespace connected)', 'socket ready'],
  ['join sent', 'join sent'],
  ['join acknowledged (`joined`)', 'joined'],
  ['`otherjoin` received', 'otherjoin'],
  ['peer connection created', 'peer connection created'],
  ['offer sent', 'offer sent'],
  ['offer received', 'offer received'],
  ['answer sent', 'answer sent'],
  ['answer received', 'answer received'],
  ['first candidate sent', 'first candidate sent'],
  ['first candidate received', 'first candidate received'],
  ['ICE connected', 'ice connected'],
  ['DTLS connected', 'dtls connected'],
  ['connection connected', 'connection connected'],
  ['remote video track', 'remote video track'],
  ['first remote frame', 'first remote frame'],
  ['main thread in long tasks meanwhile (ms, not a time)', 'long tasks'],
];

/** A step's median ms; negative times happened before the click. */
function cell(steps: Steps, name: string): string {
  const ms = steps[name];
  if (ms === undefined) return '-';
  return ms < 0 ? 'before' : fmt(ms, 0);
}

/** Call by name, Accept click to the first frame on both sides, against the room call of the same run. */
function byNameRow(c: CallsResult): string[] {
  const vsRoom = ratio(c.byNameMedian, c.duetMedian);
  return [
    `call by name (/people), Accept to first frame, median of ${c.byName.length}, ms`,
    fmt(c.byNameMedian, 0),
    '',
    '',
    '',
    fmt(ratio(c.byNameMedian, c.floorMedian)),
    '',
    `by name/room call ${fmt(vsRoom)}: <=1x room call${mark(Number.isFinite(vsRoom) ? vsRoom <= 1 : undefined)}`,
  ];
}

export function callTables(c: CallsResult): Table[] {
  const title = 'Call setup: second Join click to the first decoded remote frame on both sides (headless Chromium, fake devices)';
  if (c.status !== 'ok') {
    return [{ title, head: ['figure', 'duet page', 'in-page floor', 'note'], body: [['call setup', c.status, fmt(c.floorMedian, 0), c.detail]] }];
  }
  const vsPlain = ratio(c.duetMedian, c.plainMedian);
  const vsFloor = ratio(c.duetMedian, c.floorMedian);
  const tables: Table[] = [
    {
      title,
      head: ['figure', 'duet page', 'plain page', 'in-page floor', 'duet/plain', 'duet/floor', 'plain/floor', 'target'],
      body: [
        [
          `call setup, median of ${c.duet.length}, ms`,
          fmt(c.duetMedian, 0),
          fmt(c.plainMedian, 0),
          fmt(c.floorMedian, 0),
          fmt(vsPlain),
          fmt(vsFloor),
          fmt(ratio(c.plainMedian, c.floorMedian)),
          `<=0.8x plain${mark(Number.isFinite(vsPlain) ? vsPlain <= 0.8 : undefined)}, <=1.3x floor${mark(Number.isFinite(vsFloor) ? vsFloor <= 1.3 : undefined)}`,
        ],
        ...(c.duetBMedian === undefined
          ? []
          : [
              [
                `call setup, duet-b page (BENCH_DUET_B), ms`,
                fmt(c.duetBMedian, 0),
                '',
                '',
                fmt(ratio(c.duetBMedian, c.plainMedian)),
                fmt(ratio(c.duetBMedian, c.floorMedian)),
                '',
                'another build, same rounds',
              ],
            ]),
        byNameRow(c),
      ],
    },
  ];
  const t = c.timeline;
  if (t) {
    tables.push({
      title: 'Where the call-setup time goes: median ms after the second Join click (person 1 waits in the room, person 2 joins)',
      head: ['phase', 'duet: person 1', 'duet: person 2', 'plain: person 1', 'plain: person 2', ...(t.duetB ? ['duet-b: person 1', 'duet-b: person 2'] : [])],
      body: PHASES.map(([label, name]) => [
        label,
        cell(t.duet.first, name),
        cell(t.duet.second, name),
        cell(t.plain.first, name),
        cell(t.plain.second, name),
        ...(t.duetB ? [cell(t.duetB.first, name), cell(t.duetB.second, name)] : []),
      ]),
    });
  }
  return tables;
}
