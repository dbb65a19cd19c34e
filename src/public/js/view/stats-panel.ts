/**
 * The statistics panel: opened and closed by its button (or the I key), it
 * shows a summary of the call's getStats() every second while open, in words.
 */
import { t, type Key } from '../i18n/i18n.js';
import type { Session } from '../session/session-types.js';
import { snapshot, type StatsSnapshot } from '../session/stats.js';
import type { CallElements } from './elements.js';

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

/** Returns the function that opens or closes the panel. */
export function bindStatsPanel(ui: CallElements, session: Session): () => void {
  let timer: ReturnType<typeof setInterval> | undefined;
  let prev: StatsSnapshot | undefined;
  const tick = async () => {
    const report = session.stats();
    if (!report) {
      ui.statsList.textContent = t('stats.none');
      prev = undefined;
      return;
    }
    const now = snapshot(await report);
    renderStats(ui.statsList, statsRows(now, prev, session.setupMs));
    prev = now;
  };
  return () => {
    const open = ui.statsPanel.hidden;
    ui.statsPanel.hidden = !open;
    ui.statsToggle.setAttribute('aria-pressed', String(open));
    clearInterval(timer);
    if (open) {
      void tick();
      timer = setInterval(() => void tick(), 1000);
    }
  };
}
