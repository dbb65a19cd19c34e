/**
 * The pre-call check page (`/check`): camera and microphone (preview, level),
 * a test call inside the page with its stats, and a network check against the
 * configured ICE servers, ending in a plain verdict in `#check-result`.
 */
import { loopbackCall } from './check/loopback.js';
import { gatherCandidates, type Gathered } from './check/gather.js';
import { verdict, type Verdict } from './check/verdict.js';
import { networkRows, renderRows, renderVerdict } from './check/view.js';
import { byId } from './view/dom.js';
import { applyI18n, bindLangSwitch, t } from './i18n/i18n.js';
import { detectLang } from './i18n/lang.js';
import { fetchIceConfig, offersTurn, socketCredentials } from './session/ice-config.js';
import { openSocket } from './session/signaling.js';
import { askAccessCode } from './view/access-form.js';
import { hasWebrtc, openMedia, type MediaResult } from './media/devices.js';
import { startLevelMeter, type LevelMeter } from './media/meter.js';
import type { StatsSnapshot } from './session/stats.js';
import { renderStats, statsRows } from './view/stats-panel.js';

const el = {
  start: byId<HTMLButtonElement>('check-start'),
  preview: byId<HTMLVideoElement>('check-preview'),
  received: byId<HTMLVideoElement>('check-received'),
  receivedBox: byId('check-received-box'),
  level: byId<HTMLMeterElement>('check-level'),
  media: byId('check-media'),
  loopback: byId('check-loopback'),
  stats: byId('check-stats'),
  network: byId('check-network'),
  result: byId('check-result'),
  note: byId('check-note'),
  noWebrtc: byId('no-webrtc'),
  lang: byId<HTMLSelectElement>('lang'),
};

const CALL_MS = 20_000;
const GATHER_MS = 10_000;

let media: MediaResult | undefined;
let meter: LevelMeter | undefined;
let shown: { gathered: Gathered; stun: boolean; turn: boolean; connected?: boolean; stats?: StatsSnapshot; verdict?: Verdict } | undefined;

function render(): void {
  el.media.textContent = media ? (media.problem ? t('check.mediaProblem', { detail: media.detail ?? media.problem }) : t('check.mediaOk')) : '';
  if (!shown) return;
  renderRows(el.network, networkRows(shown));
  el.loopback.dataset.state = shown.connected ? 'connected' : 'failed';
  el.loopback.textContent = t(shown.connected ? 'check.connected' : 'check.notConnected');
  if (shown.stats)
    renderStats(
      el.stats,
      statsRows(shown.stats, undefined, undefined).filter(([key]) => key !== 'stats.setup'),
    );
  renderVerdict(el.result, el.note, shown.verdict, shown.turn);
}

/** TURN credentials come over a socket (behind the access code): opened for the ask, closed after. */
async function askTurnCredential() {
  const { socket } = openSocket(askAccessCode);
  try {
    return await socketCredentials(socket)();
  } finally {
    socket.disconnect();
  }
}

async function run(): Promise<void> {
  el.start.disabled = true;
  el.start.textContent = t('check.running');
  shown = undefined;
  renderVerdict(el.result, el.note, undefined, false);
  el.stats.replaceChildren();
  meter?.stop();
  for (const track of media?.stream.getTracks() ?? []) track.stop();
  media = await openMedia();
  el.preview.srcObject = media.stream;
  meter = startLevelMeter(media.stream, el.level);
  render();

  const config = await fetchIceConfig(askTurnCredential);
  const turn = config.turn || offersTurn(config.iceServers);
  const stun = config.iceServers.length > 0;
  const any = loopbackCall(config.iceServers, 'all', media.stream, CALL_MS);
  const [gathered, anyResult] = await Promise.all([gatherCandidates(config.iceServers, GATHER_MS), any.result]);
  // the received picture only while the test call runs: no black box once it has hung up
  el.received.srcObject = anyResult.received ?? null;
  el.receivedBox.hidden = anyResult.received === undefined;
  let relayWorks = anyResult.path === 'relay';
  if (turn && !relayWorks) {
    const relay = loopbackCall(config.iceServers, 'relay', new MediaStream(), CALL_MS);
    relayWorks = (await relay.result).connected;
    relay.close();
  }
  const connected = anyResult.connected || relayWorks;
  shown = { gathered, stun, turn, connected, stats: anyResult.stats, verdict: verdict({ anyPath: anyResult.path, relayWorks }) };
  render();
  setTimeout(() => {
    any.close(); // a few seconds of the received picture, then hang up
    el.receivedBox.hidden = true;
    el.received.srcObject = null;
  }, 3000);
  el.start.disabled = false;
  el.start.textContent = t('check.start');
}

applyI18n(detectLang());
bindLangSwitch(el.lang, () => {
  el.start.textContent = t(el.start.disabled ? 'check.running' : 'check.start');
  render();
});
el.noWebrtc.hidden = hasWebrtc();
el.start.disabled = !hasWebrtc();
el.start.addEventListener(
  'click',
  () =>
    void run().catch((error: unknown) => {
      console.warn('duet: the check stopped', error);
      el.start.disabled = false;
      el.start.textContent = t('check.start');
    }),
);
