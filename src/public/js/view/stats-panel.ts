/**
 * The statistics panel: opened and closed by its button (or the I key), it
 * shows a summary of the call's getStats() every second while open.
 */
import { t, type Key } from '../i18n/i18n.js';
import type { Session } from '../session/session-types.js';
import { snapshot, statsRows, type StatsSnapshot } from '../session/stats.js';
import type { RoomElements } from './elements.js';

function renderStats(list: HTMLElement, rows: Array<[Key, string]>): void {
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
export function bindStatsPanel(ui: RoomElements, session: Session): () => void {
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
