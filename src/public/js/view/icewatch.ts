/**
 * Watches the call's peer connection for what the person should know about its
 * network path: which way the media goes once connected (shown next to the
 * status line), and, when ICE fails, why in plain words: no TURN relay is
 * configured, or the relay refused duet's credentials.
 */
import { sleep } from './dom.js';
import { t } from '../i18n/i18n.js';
import { selectedPath, type IcePath } from '../session/icepath.js';

/**
 * How long after ICE connects the path is first read: getStats() right at `connected` would compete
 * with the DTLS handshake and the first video frames, which the person waits for.
 */
export const PATH_AFTER_MS = 1000;

/** ICE still checking after this long counts as failed: Chromium may keep checking unreachable pairs forever. */
export const CHECKING_LIMIT_MS = 15_000;

export type IceProblem = 'needs-turn' | 'turn-refused' | 'relay-failed';

export interface IceFacts {
  /** Whether a TURN relay was offered to this connection. */
  turn: boolean;
  failed: boolean;
  /** ICE is connected now (any problem seen before is over). */
  connected: boolean;
  /** It was connected before: a later failure is a dropped network, which the status line already reports. */
  wasConnected: boolean;
  /** A TURN server answered 401/403 (or 431/437/441 in coturn's words for bad credentials). */
  refused: boolean;
}

/** What to tell the person once ICE has failed (pure). */
export function iceProblem(f: IceFacts): IceProblem | undefined {
  if (f.connected) return undefined;
  if (f.refused) return 'turn-refused';
  if (!f.failed || f.wasConnected) return undefined;
  return f.turn ? 'relay-failed' : 'needs-turn';
}

const PROBLEM_KEY = { 'needs-turn': 'ice.needsTurn', 'turn-refused': 'ice.turnRefused', 'relay-failed': 'ice.relayFailed' } as const;
/** Names the messages point to, kept out of the translations. */
const NAMES = { doc: 'docs/turn.md', check: '/check', secretVar: 'TURN_SECRET', secretOption: 'static-auth-secret' };
const PATH_KEY = { lan: 'path.lan', nat: 'path.nat', relay: 'path.relay' } as const;

export interface IceView {
  /** `#call-path`: the way media goes, with `data-path`. */
  path: HTMLElement;
  /** `#ice-problem`: the plain-words problem, with `data-problem`. */
  problem: HTMLElement;
}

export function renderIce(view: IceView, path: IcePath | undefined, problem: IceProblem | undefined): void {
  view.path.hidden = path === undefined;
  view.path.dataset.path = path ?? '';
  view.path.textContent = path ? `${t(PATH_KEY[path])} · ${t('path.encrypted')}` : '';
  view.problem.hidden = problem === undefined;
  view.problem.dataset.problem = problem ?? '';
  view.problem.textContent = problem ? t(PROBLEM_KEY[problem], NAMES) : '';
}

/** Follows `pc` until it closes; `hasTurn` says whether a relay is offered now. Returns a re-render (language change). */
export function watchIce(pc: RTCPeerConnection, hasTurn: () => boolean, view: IceView): () => void {
  let path: IcePath | undefined;
  let refused = false;
  let failed = false;
  let wasConnected = false;
  const connected = () => pc.iceConnectionState === 'connected' || pc.iceConnectionState === 'completed';
  const render = () =>
    pc.signalingState !== 'closed' &&
    renderIce(view, connected() ? path : undefined, iceProblem({ turn: hasTurn(), failed, refused, connected: connected(), wasConnected }));
  /**
   * The selected pair shows in getStats a little after ICE reports `connected`: ask again for a few
   * seconds. What it shows is shown at once, and read again while the other end is unsettled (it
   * may be the other side's relay, seen before its candidate arrived): a relayed call said "direct".
   */
  async function readPath(): Promise<void> {
    for (let tries = 0; tries < 20 && connected(); tries++) {
      const next = await selectedPath(pc).catch(() => undefined);
      if (next) {
        path = next.path;
        render();
        if (next.settled) return;
      }
      await sleep(500);
    }
  }
  pc.addEventListener('icecandidateerror', (event) => {
    const code = (event as RTCPeerConnectionIceErrorEvent).errorCode;
    if (
      /^turns?:/.test((event as RTCPeerConnectionIceErrorEvent).url ?? '') &&
      (code === 401 || code === 403 || code === 431 || code === 437 || code === 441)
    ) {
      refused = true;
      render();
    }
  });
  let checkingTimer: ReturnType<typeof setTimeout> | undefined;
  pc.addEventListener('iceconnectionstatechange', () => {
    const state = pc.iceConnectionState;
    if (state === 'failed') failed = true;
    clearTimeout(checkingTimer);
    if (state === 'checking') checkingTimer = setTimeout(() => ((failed = pc.iceConnectionState === 'checking' || failed), render()), CHECKING_LIMIT_MS);
    if (connected()) {
      failed = false;
      wasConnected = true;
      setTimeout(() => void readPath(), PATH_AFTER_MS);
    }
    render();
  });
  render();
  return render;
}
