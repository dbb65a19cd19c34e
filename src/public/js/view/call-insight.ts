/**
 * What the call page shows about the connection itself, fed by one stats poll
 * for the whole call: the verification code, the signal-strength bars, the
 * statistics panel with its quality chart, the audio-first ladder (session/video-ladder.ts) with its
 * #quality-notice, and the picture-in-picture button. While video is paused by a poor link (either side),
 * the bars show at most one and the chart marks the time, so the three agree.
 * Shared by every page that shows a call session (the room page, the people page).
 */
import { createQualityHistory, readTotals } from '../quality/samples.js';
import { signalLevel, type SignalLevel } from '../quality/signal.js';
import type { Session } from '../session/session-types.js';
import { createStatsPoll } from '../session/stats-poll.js';
import { createVideoLadder, type VideoLadder } from '../session/video-ladder.js';
import { dtlsView } from '../verify/connection.js';
import { createCodeTracker } from '../verify/tracker.js';
import { bindPip } from './pip.js';
import { renderSignal } from './quality-view.js';
import { poorSide, renderQualityNotice } from './quality-notice.js';
import { createStatsPanel, type StatsPanelElements } from './stats-panel.js';
import { bindVerify, type VerifyElements } from './verify-view.js';

export interface InsightElements extends StatsPanelElements, VerifyElements {
  remote: HTMLVideoElement;
  signal: HTMLElement;
  qualityNotice: HTMLElement;
  pip: HTMLButtonElement;
}

export interface CallInsight {
  /** Opens or closes the statistics panel. */
  toggleStats(): void;
  /** Draws again (after a language change). */
  render(): void;
  /** The call's audio-first ladder (audio only pauses video through it). */
  ladder: VideoLadder;
}

/** At most one bar while video is paused by a poor link: the bars must not say "excellent" beside the notice. */
const capped = (level: SignalLevel | undefined, poor: boolean): SignalLevel | undefined =>
  poor && level !== undefined ? (Math.min(level, 1) as SignalLevel) : level;

/** Subscribes to `session` (before its `start()`) and polls its statistics until the call is over. */
export function bindCallInsight(ui: InsightElements, session: Session): CallInsight {
  let polled: RTCPeerConnection | undefined; // the connection of the report being delivered (one tick at a time)
  const poll = createStatsPoll(() => (polled = session.connection())?.getStats());
  const history = createQualityHistory();
  const verify = bindVerify(ui);
  const tracker = createCodeTracker((state) => verify.render(state));
  const panel = createStatsPanel(ui, () => session.setupMs);
  const pip = bindPip(ui.pip, ui.remote);
  const ladder = createVideoLadder(() => session.connection());
  let level = signalLevel([]);
  const poor = () => ladder.poor || session.remote.poor;
  const renderNotice = () => renderQualityNotice(ui.qualityNotice, poorSide(ladder.poor, session.remote.poor));

  poll.on((report, at) => {
    tracker.report(report, report && polled ? dtlsView(polled) : undefined);
    if (report) {
      ladder.report(report);
      ui.qualityNotice.dataset.rung = ladder.state.rung; // the rung our video is on (for tests and a curious reader of the DOM)
      session.setLinkPoor(ladder.poor);
      history.add(readTotals(report, at), poor());
    }
    level = report ? capped(signalLevel(history.samples()), poor()) : undefined;
    renderSignal(ui.signal, level);
    renderNotice();
    panel.update(report, history.samples(), at);
  });
  session.on('remote', renderNotice);
  session.on('peer', () => {
    tracker.reset(); // a new connection has new certificates: never show the old code for it
    history.clear();
  });
  session.on('status', ({ status }) => {
    if (status !== 'ended' && status !== 'full') return;
    poll.stop();
    tracker.reset();
    renderSignal(ui.signal, (level = undefined));
    renderQualityNotice(ui.qualityNotice, undefined);
    pip.close();
  });
  verify.render(tracker.state);
  renderSignal(ui.signal, level);
  poll.start();
  return {
    ladder,
    toggleStats: panel.toggle,
    render() {
      renderSignal(ui.signal, level);
      renderNotice();
      panel.render();
      pip.render();
    },
  };
}
