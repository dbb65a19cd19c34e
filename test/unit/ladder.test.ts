/**
 * The audio-first ladder: which video rung a run of link readings leads to (with hysteresis and a
 * growing wait after failed climbs), and what a stats report says about the link.
 */
import { describe, expect, it } from 'vitest';
import {
  BAD_SAMPLES,
  GOOD_SAMPLES,
  HELD_SAMPLES,
  MAX_GOOD_SAMPLES,
  PAUSED_GOOD_SAMPLES,
  START,
  isBad,
  isGood,
  nextRung,
  rungForEstimate,
  type LadderState,
  type LinkReading,
} from '../../src/public/js/quality/ladder.js';
import { readLink } from '../../src/public/js/quality/link.js';

const GOOD: LinkReading = { availableBps: 2_000_000, lossPercent: 0, rttMs: 20 };
const LOSSY: LinkReading = { lossPercent: 20, rttMs: 100 };
const THIN: LinkReading = { availableBps: 90_000, lossPercent: 0, rttMs: 80 };

function run(state: LadderState, readings: LinkReading[]): LadderState[] {
  const states: LadderState[] = [];
  for (const reading of readings) states.push((state = nextRung(state, reading)));
  return states;
}
const times = (reading: LinkReading, n: number) => Array.from({ length: n }, () => reading);
const last = (states: LadderState[]) => states.at(-1)!;

describe('the audio-first ladder', () => {
  it('stays at full video on a good link', () => {
    expect(last(run(START, times(GOOD, 30)))).toMatchObject({ rung: 'full', poor: false });
  });

  it('tells bad from good samples with a gap between them (hysteresis)', () => {
    expect(isBad({ lossPercent: 8 })).toBe(true);
    expect(isBad({ rttMs: 500 })).toBe(true);
    expect(isBad({ lossPercent: 5, rttMs: 400 })).toBe(false);
    expect(isGood({ lossPercent: 5, rttMs: 400 })).toBe(false);
    expect(isGood({ lossPercent: 1, rttMs: 100 })).toBe(true);
    expect(isGood({})).toBe(true);
  });

  it('steps down one rung after two bad samples in a row, never after one', () => {
    expect(last(run(START, [LOSSY, GOOD, LOSSY, GOOD])).rung).toBe('full');
    expect(last(run(START, times(LOSSY, BAD_SAMPLES))).rung).toBe('reduced');
    expect(last(run(START, times(LOSSY, BAD_SAMPLES * 2))).rung).toBe('low');
    const paused = last(run(START, times(LOSSY, BAD_SAMPLES * 3)));
    expect(paused).toMatchObject({ rung: 'paused', poor: true });
  });

  it('jumps straight to the rung the bandwidth estimate can carry', () => {
    expect(rungForEstimate('full', 2_000_000)).toBe('full');
    expect(rungForEstimate('full', 200_000)).toBe('reduced');
    expect(rungForEstimate('full', 120_000)).toBe('low');
    expect(rungForEstimate('full', 90_000)).toBe('paused');
    expect(rungForEstimate('low', 2_000_000)).toBe('low');
    const states = run(START, times(THIN, BAD_SAMPLES));
    expect(states.map((s) => s.rung)).toEqual(['full', 'paused']);
    expect(last(states).poor).toBe(true);
  });

  it('tries video again after good samples, and keeps the notice until a rung with video has held', () => {
    const paused = last(run(START, times(THIN, BAD_SAMPLES)));
    const healthy: LinkReading = { lossPercent: 0, rttMs: 20 }; // audio only: the estimate says little
    expect(last(run(paused, times(healthy, PAUSED_GOOD_SAMPLES - 1))).rung).toBe('paused');
    const climbing = run(paused, times(healthy, PAUSED_GOOD_SAMPLES));
    expect(last(climbing)).toMatchObject({ rung: 'low', poor: true });
    const held = run(last(climbing), times(healthy, HELD_SAMPLES));
    expect(held.at(-2)!.poor).toBe(true);
    expect(last(held).poor).toBe(false);
    expect(last(run(last(held), times(GOOD, 40))).rung).toBe('full');
  });

  it('does not trust a low estimate just after a climb (it grows only once more is sent)', () => {
    const paused = last(run(START, times(THIN, BAD_SAMPLES)));
    const low = last(run(paused, times({ availableBps: 60_000, lossPercent: 0, rttMs: 20 }, PAUSED_GOOD_SAMPLES)));
    expect(low.rung).toBe('low');
    expect(last(run(low, times({ availableBps: 60_000, lossPercent: 0, rttMs: 20 }, 3))).rung).toBe('low');
  });

  it('waits twice as long after a climb that failed, up to a limit, and resets once a climb holds', () => {
    let state = last(run(START, times(THIN, BAD_SAMPLES)));
    const waits: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      const climb = run(state, times({ lossPercent: 0, rttMs: 20 }, 40)).findIndex((s) => s.rung === 'low');
      waits.push(climb + 1);
      state = last(run(state, [...times({ lossPercent: 0, rttMs: 20 }, climb + 1), ...times(LOSSY, BAD_SAMPLES)]));
      expect(state.rung).toBe('paused');
    }
    expect(waits).toEqual([PAUSED_GOOD_SAMPLES, MAX_GOOD_SAMPLES, MAX_GOOD_SAMPLES, MAX_GOOD_SAMPLES, MAX_GOOD_SAMPLES]);
    const recovered = last(run(state, times({ lossPercent: 0, rttMs: 20 }, MAX_GOOD_SAMPLES + HELD_SAMPLES)));
    expect(recovered).toMatchObject({ rung: 'low', poor: false, climbAfter: GOOD_SAMPLES });
  });

  it('steps back at the first sample that is not good while a climb is judged', () => {
    const paused = last(run(START, times(THIN, BAD_SAMPLES)));
    const low = last(run(paused, times({ lossPercent: 0, rttMs: 20 }, PAUSED_GOOD_SAMPLES)));
    expect(low.rung).toBe('low');
    expect(nextRung(low, { lossPercent: 3, rttMs: 20 })).toMatchObject({ rung: 'paused', climbAfter: MAX_GOOD_SAMPLES });
    const held = last(run(low, times({ lossPercent: 0, rttMs: 20 }, HELD_SAMPLES)));
    expect(nextRung(held, { lossPercent: 3, rttMs: 20 }).rung).toBe('low'); // held: only bad samples step down now
  });

  it('does not climb on samples that are neither good nor bad', () => {
    const paused = last(run(START, times(THIN, BAD_SAMPLES)));
    expect(last(run(paused, times({ lossPercent: 5, rttMs: 100 }, 30))).rung).toBe('paused');
  });
});

describe('reading the link from a stats report', () => {
  const report = (stats: Array<Record<string, unknown>>) => new Map(stats.map((s) => [s.id as string, s]));
  const base = [
    { id: 'T', type: 'transport', selectedCandidatePairId: 'CP' },
    { id: 'CP', type: 'candidate-pair', availableOutgoingBitrate: 95_000, currentRoundTripTime: 0.12 },
    { id: 'OA', type: 'outbound-rtp', kind: 'audio', packetsSent: 500 },
    { id: 'OV', type: 'outbound-rtp', kind: 'video', packetsSent: 900 },
    { id: 'RA', type: 'remote-inbound-rtp', localId: 'OA', fractionLost: 0.02, roundTripTime: 0.15 },
    { id: 'RV', type: 'remote-inbound-rtp', localId: 'OV', fractionLost: 0.3, roundTripTime: 0.6 },
  ];

  const memory = (packets: Record<string, number>) => new Map(Object.entries(packets).map(([id, n]) => [id, { packets: n }]));

  it('reads the estimate, the worse loss and the longest round trip of the streams still sending', () => {
    const { reading, memory: now } = readLink(report(base), memory({ OA: 450, OV: 850 }));
    expect(reading).toEqual({ availableBps: 95_000, lossPercent: 30, rttMs: 600 });
    expect([...now]).toEqual([
      ['OA', { packets: 500 }],
      ['OV', { packets: 900 }],
    ]);
  });

  it('leaves out a stream that stopped sending (its last receiver report is stale)', () => {
    const { reading } = readLink(report(base), memory({ OA: 450, OV: 900 }));
    expect(reading).toEqual({ availableBps: 95_000, lossPercent: 2, rttMs: 150 });
  });

  it('keeps the old report of a resumed stream out until the other side reports anew, and the loss of the first new one', () => {
    let audio = 500; // audio goes on all along
    const withVideo = (packetsSent: number, rv: Record<string, unknown>) => {
      audio += 50;
      return report(
        base.map((s) => (s.id === 'OV' ? { ...s, packetsSent } : s.id === 'OA' ? { ...s, packetsSent: audio } : s.id === 'RV' ? { ...s, ...rv } : s)),
      );
    };
    const congested = { roundTripTimeMeasurements: 7, fractionLost: 0.3, roundTripTime: 0.6 };
    // paused: the count stands still and the report from the congestion stays
    const paused = readLink(withVideo(900, congested), memory({ OA: 450, OV: 900 }));
    expect(paused.reading.lossPercent).toBe(2);
    const stillPaused = readLink(withVideo(900, congested), paused.memory);
    // sending again, with the old report: still left out
    const resumed = readLink(withVideo(950, congested), stillPaused.memory);
    expect(resumed.reading).toEqual({ availableBps: 95_000, lossPercent: 2, rttMs: 150 });
    const waiting = readLink(withVideo(1000, congested), resumed.memory);
    expect(waiting.reading.lossPercent).toBe(2);
    // the first new report covers the resumption: its round trip counts, its loss does not
    const first = readLink(withVideo(1050, { roundTripTimeMeasurements: 8, fractionLost: 0.5, roundTripTime: 0.7 }), waiting.memory);
    expect(first.reading).toEqual({ availableBps: 95_000, lossPercent: 2, rttMs: 700 });
    const again = readLink(withVideo(1100, { roundTripTimeMeasurements: 8, fractionLost: 0.5, roundTripTime: 0.7 }), first.memory);
    expect(again.reading.lossPercent).toBe(2);
    // the next one counts in full, bad or good
    const fresh = readLink(withVideo(1150, { roundTripTimeMeasurements: 9, fractionLost: 0.1, roundTripTime: 0.05 }), again.memory);
    expect(fresh.reading).toEqual({ availableBps: 95_000, lossPercent: 10, rttMs: 150 });
    expect(readLink(withVideo(1200, { roundTripTimeMeasurements: 9, fractionLost: 0.1, roundTripTime: 0.05 }), fresh.memory).reading.lossPercent).toBe(10);
  });

  it('ignores values that are not finite non-negative numbers', () => {
    const odd = [
      { id: 'T', type: 'transport', selectedCandidatePairId: 'CP' },
      { id: 'CP', type: 'candidate-pair', availableOutgoingBitrate: 'lots', currentRoundTripTime: -1 },
      { id: 'OA', type: 'outbound-rtp', packetsSent: 10 },
      { id: 'RA', type: 'remote-inbound-rtp', localId: 'OA', fractionLost: Number.NaN, roundTripTime: null },
    ];
    expect(readLink(report(odd), new Map()).reading).toEqual({});
  });
});
