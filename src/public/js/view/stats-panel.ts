/**
 * The statistics panel: opened and closed by its button (or the I key), it
 * shows a summary of the call's getStats() in words and, above it, the last
 * minute of quality as a chart. It draws what the call's one stats poll
 * (session/stats-poll.ts) hands it; it polls nothing itself.
 */
import { t, type Key } from '../i18n/i18n.js';
import type { Sample } from '../quality/samples.js';
import { snapshot, type StatsSnapshot } from '../session/stats.js';
import { drawChart } from './quality-view.js';

function kbps(bytes: number, prevBytes: number, ms: number): string {
  if (ms <= 0) return '–';
  return `${Math.max(0, Math.round(((bytes - prevBytes) * 8) / ms))} kbit/s`;
}

/** Rows of [label key, value] for the panel. */
export function statsRows(now: StatsSnapshot, prev: StatsSnapshot | undefined, setupMs: number | undefined): Array<[Key, string]> {
  const dt = prev ? now.at - prev.at : 0;
  return [
    ['stats.path', now.path ? (now.pathKind ? `${t(`path.${now.pathKind}`)}: ${now.path}` : now.path) : '–'],
    ['stats.rtt', now.rttMs === undefined ? '–' : `${now.rttMs} ms`],
    ['stats.bitrateOut', prev ? kbps(now.bytesOut, prev.bytesOut, dt) : '–'],
    ['stats.bitrateIn', prev ? kbps(now.bytesIn, prev.bytesIn, dt) : '–'],
    ['stats.videoOut', now.videoOut ?? '–'],
    ['stats.videoIn', now.videoIn ?? '–'],
    ['stats.loss', now.lossPercent === undefined ? '–' : `${now.lossPercent.toFixed(1)} %`],
    ['stats.codecs', now.codecs.join(', ') || '–'],
    ['stats.setup', setupMs === undefined ? '–' : `${Math.round(setupMs)} ms`],
  ];
}

export function renderStats(list: HTMLElement, rows: Array<[Key, string]>): void {
  list.replaceChildren(
    ...rows.flatMap(([key, value]) => {
      const dt = document.createElement('dt');
      dt.textContent = t(key);
      const dd = document.createElement('dd');
      dd.textContent = value;
      dd.dataset.stat = key.slice('stats.'.length);
      return [dt, dd];
    }),
  );
}

export interface StatsPanelElements {
  statsPanel: HTMLElement;
  statsToggle: HTMLButtonElement;
  statsList: HTMLElement;
  /** Says there is no call yet: a definition list holds only terms and their values. */
  statsNone: HTMLElement;
  qualityChart: HTMLCanvasElement;
}

export interface StatsPanel {
  /** The poll's newest report (undefined: no connection) and the quality samples so far. */
  update(report: RTCStatsReport | undefined, samples: readonly Sample[], at: number): void;
  /** Opens or closes the panel. */
  toggle(): void;
  /** Draws again (after a language change). */
  render(): void;
}

export function createStatsPanel(ui: StatsPanelElements, setupMs: () => number | undefined): StatsPanel {
  let prev: StatsSnapshot | undefined;
  let now: StatsSnapshot | undefined;
  let samples: readonly Sample[] = [];
  let at = 0;
  const render = () => {
    if (ui.statsPanel.hidden) return;
    if (now) renderStats(ui.statsList, statsRows(now, prev, setupMs()));
    else ui.statsList.replaceChildren();
    ui.statsList.hidden = !now;
    ui.statsNone.hidden = Boolean(now);
    drawChart(ui.qualityChart, samples, at);
  };
  return {
    update(report, newSamples, time) {
      prev = report ? now : undefined;
      now = report ? snapshot(report) : undefined;
      samples = newSamples;
      at = time;
      render();
    },
    toggle() {
      const open = ui.statsPanel.hidden;
      const hadFocus = ui.statsPanel.contains(document.activeElement);
      ui.statsPanel.hidden = !open;
      if (hadFocus) ui.statsToggle.focus(); // not left on <body>
      ui.statsToggle.setAttribute('aria-pressed', String(open));
      render();
    },
    render,
  };
}
