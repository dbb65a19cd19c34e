/**
 * Draws the last minute of quality on a canvas: the upper panel the bitrate
 * each way (kbit/s, one scale), the lower panel the round-trip time (ms, left
 * scale) and packet loss (%, right scale), with the time video was paused by a poor link shaded
 * behind both (the same fact as #quality-notice). Each scale's top value, with its unit, sits
 * right-aligned in the left margin, apart from the legend inside the plot; all text is
 * centred on its line (textBaseline middle), so Chinese labels and Latin figures share
 * one line. Takes only the drawing calls it uses, so a test can pass a recording
 * context; text comes in already translated.
 */
import { HISTORY_MS, type Sample } from './samples.js';

export interface ChartContext {
  strokeStyle: string | CanvasGradient | CanvasPattern;
  fillStyle: string | CanvasGradient | CanvasPattern;
  lineWidth: number;
  font: string;
  textAlign: CanvasTextAlign;
  textBaseline: CanvasTextBaseline;
  clearRect(x: number, y: number, w: number, h: number): void;
  beginPath(): void;
  moveTo(x: number, y: number): void;
  lineTo(x: number, y: number): void;
  stroke(): void;
  fillText(text: string, x: number, y: number): void;
  fillRect(x: number, y: number, w: number, h: number): void;
}

export interface ChartLabels {
  out: string;
  in: string;
  rtt: string;
  loss: string;
  /** The legend of the shaded time (video paused by a poor link). */
  paused: string;
}

export const SERIES_COLORS = { out: '#2f7bf6', in: '#17a673', rtt: '#e0a100', loss: '#d9534f', axis: '#8a8f98', paused: 'rgba(224, 161, 0, 0.22)' } as const;
const PAD = { left: 60, right: 36, top: 6, bottom: 6, gap: 10 };
/** Where a line of text is centred below a panel's top edge. */
const TEXT_Y = 7;

interface Panel {
  top: number;
  height: number;
}

/** A round upper bound for a scale: 1, 2 or 5 times a power of ten, at least `floor`. */
export function niceMax(value: number, floor: number): number {
  const v = Math.max(value, floor);
  const power = 10 ** Math.floor(Math.log10(v));
  return [1, 2, 5, 10].map((m) => m * power).find((m) => m >= v) ?? 10 * power;
}

/** A bitrate scale's top: "500 kbit/s", "2 Mbit/s". */
export function formatKbps(kbps: number): string {
  return kbps >= 1000 ? `${kbps / 1000} Mbit/s` : `${kbps} kbit/s`;
}

/** A round-trip time scale's top: "200 ms", "2 s". */
export function formatMs(ms: number): string {
  return ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`;
}

/**
 * The round-trip scale: the 90th percentile of the window, with room above it, rounded up
 * (at least 100 ms). A few seconds-long spikes (a stalled network, the first measurement)
 * touch the top instead of flattening the normal tens of milliseconds into the axis.
 */
export function rttScale(values: readonly number[]): number {
  if (values.length === 0) return 100;
  const sorted = [...values].sort((a, b) => a - b);
  const p90 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.9))]!;
  return niceMax(p90 * 1.2, 100);
}

export function drawQualityChart(ctx: ChartContext, width: number, height: number, samples: readonly Sample[], nowMs: number, labels: ChartLabels): void {
  ctx.clearRect(0, 0, width, height);
  ctx.font = '10px system-ui, sans-serif';
  ctx.textBaseline = 'middle';
  ctx.lineWidth = 1;
  const plotHeight = (height - PAD.top - PAD.bottom - PAD.gap) / 2;
  const upper: Panel = { top: PAD.top, height: plotHeight };
  const lower: Panel = { top: PAD.top + plotHeight + PAD.gap, height: plotHeight };
  const x = (at: number) => PAD.left + (width - PAD.left - PAD.right) * (1 - (nowMs - at) / HISTORY_MS);
  const axes = (panel: Panel, leftText: string, rightText?: string) => {
    ctx.strokeStyle = SERIES_COLORS.axis;
    ctx.beginPath();
    ctx.moveTo(PAD.left, panel.top);
    ctx.lineTo(PAD.left, panel.top + panel.height);
    ctx.lineTo(width - PAD.right, panel.top + panel.height);
    if (rightText !== undefined) ctx.lineTo(width - PAD.right, panel.top);
    ctx.stroke();
    ctx.fillStyle = SERIES_COLORS.axis;
    ctx.textAlign = 'right';
    ctx.fillText(leftText, PAD.left - 4, panel.top + TEXT_Y);
    ctx.textAlign = 'left';
    if (rightText !== undefined) ctx.fillText(rightText, width - PAD.right + 4, panel.top + TEXT_Y);
  };
  const series = (panel: Panel, max: number, color: string, value: (s: Sample) => number | undefined) => {
    ctx.strokeStyle = color;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    let drawing = false;
    for (const s of samples) {
      const v = value(s);
      if (v === undefined) {
        drawing = false;
        continue;
      }
      const y = panel.top + panel.height * (1 - Math.min(v, max) / max);
      if (drawing) ctx.lineTo(x(s.at), y);
      else ctx.moveTo(x(s.at), y);
      drawing = true;
    }
    ctx.stroke();
    ctx.lineWidth = 1;
  };
  // the time video was paused: each paused sample shades its interval (from the sample before it)
  ctx.fillStyle = SERIES_COLORS.paused;
  samples.forEach((s, i) => {
    if (!s.videoPaused) return;
    const from = x(samples[i - 1]?.at ?? s.at - 1000);
    ctx.fillRect(from, upper.top, Math.max(x(s.at) - from, 1), lower.top + lower.height - upper.top);
  });
  const maxOf = (value: (s: Sample) => number | undefined) => Math.max(0, ...samples.map((s) => value(s) ?? 0));

  const kbps = niceMax(
    Math.max(
      maxOf((s) => s.kbpsOut),
      maxOf((s) => s.kbpsIn),
    ),
    100,
  );
  const rtt = rttScale(samples.flatMap((s) => (s.rttMs === undefined ? [] : [s.rttMs])));
  const loss = niceMax(
    maxOf((s) => s.lossPercent),
    5,
  );
  axes(upper, formatKbps(kbps));
  axes(lower, formatMs(rtt), `${loss} %`);
  series(upper, kbps, SERIES_COLORS.out, (s) => s.kbpsOut);
  series(upper, kbps, SERIES_COLORS.in, (s) => s.kbpsIn);
  series(lower, rtt, SERIES_COLORS.rtt, (s) => s.rttMs);
  series(lower, loss, SERIES_COLORS.loss, (s) => s.lossPercent);

  const last = samples.at(-1);
  const legend: Array<[string, string, string]> = [
    [SERIES_COLORS.out, labels.out, last ? `${Math.round(last.kbpsOut)} kbit/s` : '–'],
    [SERIES_COLORS.in, labels.in, last ? `${Math.round(last.kbpsIn)} kbit/s` : '–'],
    [SERIES_COLORS.rtt, labels.rtt, last?.rttMs === undefined ? '–' : `${last.rttMs} ms`],
    [SERIES_COLORS.loss, labels.loss, last?.lossPercent === undefined ? '–' : `${last.lossPercent.toFixed(1)} %`],
  ];
  legend.forEach(([color, label, value], i) => {
    const panel = i < 2 ? upper : lower;
    ctx.fillStyle = color;
    ctx.fillText(`${label} ${value}`, PAD.left + 4 + (i % 2) * 110, panel.top + TEXT_Y);
  });
  if (samples.some((s) => s.videoPaused)) {
    ctx.fillStyle = SERIES_COLORS.rtt;
    ctx.textAlign = 'right';
    ctx.fillText(labels.paused, width - PAD.right - 4, upper.top + TEXT_Y);
    ctx.textAlign = 'left';
  }
}
