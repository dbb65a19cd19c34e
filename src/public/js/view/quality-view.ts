/**
 * Draws the call's quality: the signal-strength bars on the other person's
 * video (`#signal`, `data-level` 0 to 4 and a spoken label) and the chart of
 * the last minute in the statistics panel (quality/chart.ts on a canvas).
 */
import { t } from '../i18n/i18n.js';
import { drawQualityChart } from '../quality/chart.js';
import type { Sample } from '../quality/samples.js';
import type { SignalLevel } from '../quality/signal.js';

const LEVEL_KEY = { 0: 'signal.0', 1: 'signal.1', 2: 'signal.2', 3: 'signal.3', 4: 'signal.4' } as const;

/** Hidden while nothing is measured. */
export function renderSignal(el: HTMLElement, level: SignalLevel | undefined): void {
  el.hidden = level === undefined;
  el.dataset.level = level === undefined ? '' : String(level);
  const label = level === undefined ? '' : t('signal.label', { quality: t(LEVEL_KEY[level]), level: String(level) });
  el.setAttribute('aria-label', label);
  el.title = label;
}

/** The chart at the canvas's own pixel size; `at` is the time of the newest report. */
export function drawChart(canvas: HTMLCanvasElement, samples: readonly Sample[], at: number): void {
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  drawQualityChart(ctx, canvas.width, canvas.height, samples, at, {
    out: t('quality.out'),
    in: t('quality.in'),
    rtt: t('quality.rtt'),
    loss: t('quality.loss'),
    paused: t('quality.paused'),
  });
}
