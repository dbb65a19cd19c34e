/**
 * The quality graph's data: samples from successive getStats() totals, the
 * last minute in a ring buffer, the signal level from RTT and loss, and a
 * chart that draws lines for what it is given.
 */
import { describe, expect, it } from 'vitest';
import { drawQualityChart, formatKbps, formatMs, niceMax, rttScale, type ChartContext } from '../../src/public/js/quality/chart.js';
import { createQualityHistory, readTotals, sampleBetween, type Sample, type Totals } from '../../src/public/js/quality/samples.js';
import { levelFor, LOSS_STEPS_PERCENT, RTT_STEPS_MS, signalLevel } from '../../src/public/js/quality/signal.js';

const _fits = (ctx: CanvasRenderingContext2D): ChartContext => ctx;
void _fits;

const totals = (at: number, fields: Partial<Totals> = {}): Totals => ({
  at,
  bytesOut: 0,
  bytesIn: 0,
  lostOut: 0,
  sentOut: 0,
  lostIn: 0,
  receivedIn: 0,
  rttMs: 50,
  ...fields,
});
const sample = (at: number, fields: Partial<Sample> = {}): Sample => ({ at, kbpsOut: 500, kbpsIn: 400, rttMs: 40, lossPercent: 0, ...fields });

describe('reading totals from a stats report', () => {
  it("sums the RTP streams each way and reads the selected pair's round-trip time", () => {
    const stats = [
      { id: 'O1', type: 'outbound-rtp', kind: 'video', bytesSent: 1000, packetsSent: 10 },
      { id: 'O2', type: 'outbound-rtp', kind: 'audio', bytesSent: 500, packetsSent: 20 },
      { id: 'I1', type: 'inbound-rtp', kind: 'video', bytesReceived: 2000, packetsLost: 3, packetsReceived: 97 },
      { id: 'R1', type: 'remote-inbound-rtp', packetsLost: 2 },
      { id: 'T1', type: 'transport', selectedCandidatePairId: 'CP1' },
      { id: 'CP1', type: 'candidate-pair', currentRoundTripTime: 0.0426 },
      { id: 'CP2', type: 'candidate-pair', currentRoundTripTime: 9 },
      { id: 'X', type: 'inbound-rtp', bytesReceived: 'lots', packetsLost: -5 },
    ];
    expect(readTotals(new Map(stats.map((s) => [s.id, s])), 1234)).toEqual({
      at: 1234,
      bytesOut: 1500,
      bytesIn: 2000,
      lostOut: 2,
      sentOut: 30,
      lostIn: 3,
      receivedIn: 97,
      rttMs: 43,
    });
    expect(readTotals(new Map(), 1).rttMs).toBeUndefined();
  });
});

describe('a sample between two reports', () => {
  it("gives the bitrate each way in kbit/s and the worse direction's loss over the interval", () => {
    const s = sampleBetween(
      totals(0, { bytesOut: 1000, sentOut: 100, receivedIn: 100 }),
      totals(1000, { bytesOut: 126_000, bytesIn: 62_500, sentOut: 200, lostOut: 5, lostIn: 2, receivedIn: 198, rttMs: 80 }),
    );
    expect(s).toEqual({ at: 1000, kbpsOut: 1000, kbpsIn: 500, rttMs: 80, lossPercent: 5 });
  });

  it('has no loss figure when no packets moved, and no sample when time stands still or a counter goes back', () => {
    expect(sampleBetween(totals(0), totals(1000))?.lossPercent).toBeUndefined();
    expect(sampleBetween(totals(1000), totals(1000))).toBeUndefined();
    expect(sampleBetween(totals(0, { bytesIn: 5000 }), totals(1000, { bytesIn: 10 }))).toBeUndefined(); // a new connection
  });
});

describe('the last minute', () => {
  it('keeps the samples of the last 60 s, oldest first', () => {
    const history = createQualityHistory();
    expect(history.add(totals(0))).toBeUndefined(); // the first report only sets the baseline
    for (let at = 1000; at <= 90_000; at += 1000) history.add(totals(at, { bytesOut: at }));
    const kept = history.samples();
    expect(kept).toHaveLength(60);
    expect([kept[0]!.at, kept.at(-1)!.at]).toEqual([31_000, 90_000]);
  });

  it('marks the samples taken while video was paused by a poor link', () => {
    const history = createQualityHistory();
    history.add(totals(0));
    history.add(totals(1000), true);
    history.add(totals(2000));
    expect(history.samples().map((s) => s.videoPaused === true)).toEqual([true, false]);
  });

  it('never holds more than its capacity, however often it is fed', () => {
    const history = createQualityHistory(60_000, 10);
    for (let at = 0; at <= 5000; at += 100) history.add(totals(at));
    expect(history.samples().map((s) => s.at)).toEqual([4100, 4200, 4300, 4400, 4500, 4600, 4700, 4800, 4900, 5000]);
    history.clear();
    expect(history.samples()).toEqual([]);
  });
});

describe('the signal level', () => {
  it('steps down at the documented round-trip times and losses', () => {
    expect([0, 149, 150, 299, 300, 499, 500, 999, 1000, 5000].map((v) => levelFor(v, RTT_STEPS_MS))).toEqual([4, 4, 3, 3, 2, 2, 1, 1, 0, 0]);
    expect([0, 0.9, 1, 2.9, 3, 5.9, 6, 11.9, 12, 50].map((v) => levelFor(v, LOSS_STEPS_PERCENT))).toEqual([4, 4, 3, 3, 2, 2, 1, 1, 0, 0]);
  });

  it('takes the worse of RTT and loss over the last 5 s', () => {
    expect(signalLevel([sample(1000, { rttMs: 40, lossPercent: 0 })])).toBe(4);
    expect(signalLevel([sample(1000, { rttMs: 40, lossPercent: 7 })])).toBe(1);
    expect(signalLevel([sample(1000, { rttMs: 600, lossPercent: 0 })])).toBe(1);
    expect(signalLevel([sample(0, { rttMs: 2000 }), sample(6000, { rttMs: 40 })])).toBe(4); // older than 5 s
    expect(signalLevel([sample(1000, { rttMs: 100 }), sample(2000, { rttMs: 300 })])).toBe(3); // mean 200 ms
  });

  it('shows nothing before anything is measured', () => {
    expect(signalLevel([])).toBeUndefined();
    expect(signalLevel([sample(1000, { rttMs: undefined, lossPercent: undefined })])).toBeUndefined();
    expect(signalLevel([sample(1000, { rttMs: undefined, lossPercent: 4 })])).toBe(2);
  });
});

/** Records drawing calls, with the stroke colour in force at each `stroke`. */
function recordingContext() {
  const calls: Array<{ op: string; args: unknown[] }> = [];
  const strokes: Array<{ color: unknown; segments: number }> = [];
  let segments = 0;
  const ctx: ChartContext = {
    strokeStyle: '',
    fillStyle: '',
    lineWidth: 1,
    font: '',
    textAlign: 'start',
    textBaseline: 'alphabetic',
    clearRect: (...args) => calls.push({ op: 'clearRect', args }),
    beginPath: () => {
      segments = 0;
    },
    moveTo: (...args) => calls.push({ op: 'moveTo', args }),
    lineTo: (...args) => {
      segments++;
      calls.push({ op: 'lineTo', args });
    },
    stroke: () => strokes.push({ color: ctx.strokeStyle, segments }),
    fillText: (...args) => calls.push({ op: 'fillText', args: [...args, ctx.textAlign, ctx.textBaseline] }),
    fillRect: (...args) => calls.push({ op: 'fillRect', args: [...args, ctx.fillStyle] }),
  };
  return { ctx, calls, strokes };
}

describe('the chart', () => {
  const labels = { out: 'Out', in: 'In', rtt: 'RTT', loss: 'Loss', paused: 'Video paused' };

  it('draws axes and a line for each of the four series when there is data', () => {
    const { ctx, calls, strokes } = recordingContext();
    const samples = Array.from({ length: 30 }, (_, i) => sample(i * 1000, { kbpsOut: 100 * i, rttMs: 20 + i, lossPercent: i % 3 }));
    drawQualityChart(ctx, 320, 160, samples, 29_000, labels);
    expect(calls[0]).toEqual({ op: 'clearRect', args: [0, 0, 320, 160] });
    for (const color of ['#2f7bf6', '#17a673', '#e0a100', '#d9534f']) expect(strokes.find((s) => s.color === color)?.segments).toBe(29);
    expect(strokes.filter((s) => s.color === '#8a8f98')).toHaveLength(2);
    const points = calls.filter((c) => c.op === 'lineTo' || c.op === 'moveTo').map((c) => c.args as [number, number]);
    for (const [x, y] of points) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(320);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(160);
    }
    const texts = calls.filter((c) => c.op === 'fillText').map((c) => c.args[0]);
    expect(texts).toEqual(expect.arrayContaining(['Out 2900 kbit/s', 'In 400 kbit/s', 'RTT 49 ms', 'Loss 2.0 %', '5 Mbit/s', '100 ms', '5 %']));
  });

  it('shades the time video was paused across both panels and names it, and shades nothing otherwise', () => {
    const { ctx, calls } = recordingContext();
    const samples = Array.from({ length: 10 }, (_, i) => sample(50_000 + i * 1000, { videoPaused: i >= 4 && i < 7 }));
    drawQualityChart(ctx, 320, 160, samples, 59_000, labels);
    const rects = calls.filter((c) => c.op === 'fillRect');
    expect(rects).toHaveLength(3);
    for (const { args } of rects) expect(args).toEqual([expect.any(Number), 6, expect.any(Number), 148, 'rgba(224, 161, 0, 0.22)']);
    expect(calls.filter((c) => c.op === 'fillText').map((c) => c.args[0])).toContain('Video paused');
    const plain = recordingContext();
    drawQualityChart(
      plain.ctx,
      320,
      160,
      samples.map((s) => ({ ...s, videoPaused: false })),
      59_000,
      labels,
    );
    expect(plain.calls.filter((c) => c.op === 'fillRect')).toHaveLength(0);
    expect(plain.calls.filter((c) => c.op === 'fillText').map((c) => c.args[0])).not.toContain('Video paused');
  });

  it("puts each scale's top, with its unit, right-aligned in the margin left of the legend, all text centred on its line", () => {
    const { ctx, calls } = recordingContext();
    const samples = Array.from({ length: 30 }, (_, i) => sample(i * 1000, { kbpsOut: 400, kbpsIn: 300, rttMs: 7000 + i }));
    drawQualityChart(ctx, 352, 150, samples, 29_000, labels);
    const texts = calls
      .filter((c) => c.op === 'fillText')
      .map((c) => ({ text: c.args[0] as string, x: c.args[1] as number, align: c.args[3], baseline: c.args[4] }));
    const upperScale = texts.find((t) => t.text === '500 kbit/s');
    const rttScaleText = texts.find((t) => t.text === '10 s');
    expect(upperScale).toMatchObject({ align: 'right' });
    expect(rttScaleText).toMatchObject({ align: 'right' });
    const legendLeft = Math.min(...texts.filter((t) => t.text.startsWith('Out') || t.text.startsWith('RTT')).map((t) => t.x));
    expect(upperScale!.x).toBeLessThan(legendLeft);
    // right-aligned at x: even "500 kbit/s" at about 6 px a character (60 px) fits left of x, inside the canvas
    expect(upperScale!.x).toBeGreaterThanOrEqual('500 kbit/s'.length * 5.5);
    expect(texts.every((t) => t.baseline === 'middle')).toBe(true);
  });

  it('scales round-trip time to the usual values, not to a brief spike', () => {
    const { ctx, calls } = recordingContext();
    const samples = Array.from({ length: 30 }, (_, i) => sample(i * 1000, { rttMs: i === 3 ? 10_000 : 30 + (i % 5) }));
    drawQualityChart(ctx, 352, 150, samples, 29_000, labels);
    const texts = calls.filter((c) => c.op === 'fillText').map((c) => c.args[0]);
    expect(texts).toContain('100 ms');
    expect(texts).not.toContain('10 s');
    expect(rttScale(Array.from({ length: 20 }, (_, i) => (i === 0 ? 10_000 : 40)))).toBe(100);
    expect(rttScale(Array.from({ length: 20 }, () => 1800))).toBe(5000);
    expect([formatKbps(500), formatKbps(2000), formatMs(200), formatMs(10_000)]).toEqual(['500 kbit/s', '2 Mbit/s', '200 ms', '10 s']);
  });

  it('draws only the axes and empty legend without data, and breaks a line where a value is unknown', () => {
    const empty = recordingContext();
    drawQualityChart(empty.ctx, 320, 160, [], 0, labels);
    expect(empty.strokes.filter((s) => s.color !== '#8a8f98').every((s) => s.segments === 0)).toBe(true);
    const gap = recordingContext();
    drawQualityChart(gap.ctx, 320, 160, [sample(0), sample(1000, { rttMs: undefined }), sample(2000), sample(3000)], 3000, labels);
    expect(gap.strokes.find((s) => s.color === '#e0a100')?.segments).toBe(1);
  });

  it('rounds scales up to 1, 2 or 5 times a power of ten', () => {
    expect([niceMax(0, 100), niceMax(101, 100), niceMax(2900, 100), niceMax(5001, 100), niceMax(3, 5)]).toEqual([100, 200, 5000, 10_000, 5]);
  });
});
