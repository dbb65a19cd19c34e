/**
 * What the call page shows about the connection itself, fed by one stats poll
 * for the whole call: the verification code, the signal-strength bars, the
 * statistics panel with its quality chart, and the picture-in-picture button.
 * Shared by every page that shows a call session (the room page, the people page).
 */
import { createQualityHistory, readTotals } from '../quality/samples.js';
import { signalLevel } from '../quality/signal.js';
import type { Session } from '../session/session-types.js';
import { createStatsPoll } from '../session/stats-poll.js';
import { dtlsView } from '../verify/connection.js';
import { createCodeTracker } from '../verify/tracker.js';
import { bindPip } from './pip.js';
import { renderSignal } from './quality-view.js';
import { createStatsPanel, type StatsPanelElements } from './stats-panel.js';
import { bindVerify, type VerifyElements } from './verify-view.js';

export interface InsightElements extends StatsPanelElements, VerifyElements {
  remote: HTMLVideoElement;
  signal: HTMLElement;
  pip: HTMLButtonElement;
}

export interface CallInsight {
  /** Opens or closes the statistics panel. */
  toggleStats(): void;
  /** Draws again (after a language change). */
  render(): void;
}

/** Subscribes to `session` (before its `start()`) and polls its statistics until the call is over. */
export function bindCallInsight(ui: InsightElements, session: Session): CallInsight {
  let polled: RTCPeerConnection | undefined; // the connection of the report being delivered (one tick at a time)
  const poll = createStatsPoll(() => (polled = session.connection())?.getStats());
  const history = createQualityHistory();
  const verify = bindVerify(ui);
  const tracker = createCodeTracker((state) => verify.render(state));
  const panel = createStatsPanel(ui, () => session.setupMs);
  const pip = bindPip(ui.pip, ui.remote);
  let level = signalLevel([]);

  poll.on((report, at) => {
    tracker.report(report, report && polled ? dtlsView(polled) : undefined);
    if (report) history.add(readTotals(report, at));
    level = report ? signalLevel(history.samples()) : undefined;
    renderSignal(ui.signal, level);
    panel.update(report, history.samples(), at);
  });
  session.on('peer', () => {
    tracker.reset(); // a new connection has new certificates: never show the old code for it
    history.clear();
  });
  session.on('status', ({ status }) => {
    if (status !== 'ended' && status !== 'full') return;
    poll.stop();
    tracker.reset();
    renderSignal(ui.signal, (level = undefined));
    pip.close();
  });
  verify.render(tracker.state);
  renderSignal(ui.signal, level);
  poll.start();
  return {
    toggleStats: panel.toggle,
    render() {
      renderSignal(ui.signal, level);
      panel.render();
      pip.render();
    },
  };
}
