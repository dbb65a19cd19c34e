/**
 * Watches the call's peer connection for what the person should know about its
 * network path: which way the media goes once connected (shown next to the
 * status line), and, when ICE fails, why in plain words: no TURN relay is
 * configured, or the relay refused duet's credentials.
 */
import { t } from './i18n.js';
import { selectedPath, type IcePath } from './icepath.js';

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
  view.problem.textContent = problem ? t(PROBLEM_KEY[problem]) : '';
}

/** Follows `pc` until it closes; `hasTurn` says whether a relay is offered now. Returns a re-render (language change). */
export function watchIce(pc: RTCPeerConnection, hasTurn: () => boolean, view: IceView): () => void {
  let path: IcePath | undefined;
  let refused = false;
  let failed = false;
  let wasConnected = false;
  const connected = () => pc.iceConnectionState === 'connected' || pc.iceConnectionState === 'completed';
  const render = () => renderIce(view, connected() ? path : undefined, iceProblem({ turn: hasTurn(), failed, refused, connected: connected(), wasConnected }));
  pc.addEventListener('icecandidateerror', (event) => {
    const code = (event as RTCPeerConnectionIceErrorEvent).errorCode;
    if (/^turns?:/.test((event as RTCPeerConnectionIceErrorEvent).url ?? '') && (code === 401 || code === 403 || code === 431 || code === 437 || code === 441)) {
      refused = true;
      render();
    }
  });
  pc.addEventListener('iceconnectionstatechange', () => {
    const state = pc.iceConnectionState;
    if (state === 'failed') failed = true;
    if (connected()) {
      failed = false;
      wasConnected = true;
      void selectedPath(pc).then((next) => ((path = next), render()), () => undefined);
    }
    render();
  });
  render();
  return render;
}
