/**
 * Reading a call from outside the page: the SPKI hash Chromium is told to trust,
 * and the stats of the page's peer connection (recorded by test/lan/browser-host.ts
 * in window.__duetPcs): decoded frames and the selected candidate pair.
 */
import type { NsProcess } from './nsproc.js';

export { spkiHash } from './chromium.js';

/** In the page: the last peer connection's decoded video frames and its selected candidate pair. */
const CALL_STATS = `(async () => {
  const pc = (window.__duetPcs || []).at(-1);
  if (!pc) return null;
  const stats = await pc.getStats();
  const byId = new Map();
  stats.forEach((r) => byId.set(r.id, r));
  let framesDecoded = 0;
  let pair;
  stats.forEach((r) => {
    if (r.type === 'inbound-rtp' && r.kind === 'video') framesDecoded += r.framesDecoded || 0;
    if (r.type === 'transport' && r.selectedCandidatePairId) pair = byId.get(r.selectedCandidatePairId);
  });
  const local = pair && byId.get(pair.localCandidateId);
  const remote = pair && byId.get(pair.remoteCandidateId);
  const video = document.querySelector('video#remote');
  return {
    state: pc.connectionState,
    framesDecoded,
    videoWidth: video ? video.videoWidth : 0,
    local: local ? local.address || local.ip : null,
    remote: remote ? remote.address || remote.ip : null,
    localType: local ? local.candidateType : null,
    remoteType: remote ? remote.candidateType : null,
  };
})()`;

export interface CallStats {
  state: string;
  framesDecoded: number;
  videoWidth: number;
  local: string | null;
  remote: string | null;
  localType: string | null;
  remoteType: string | null;
}

/**
 * The selected pair's remote address is `expected`. Chromium hides the address of a
 * peer-reflexive remote candidate (learnt from a connectivity check that arrived before the
 * candidate's own signaling message), so such a pair is accepted as long as it is prflx; the
 * other side's local address then shows where it leads.
 */
export function remoteIs(stats: CallStats, expected: string): boolean {
  return stats.remote === expected || (stats.remote === '' && stats.remoteType === 'prflx');
}

/** Polls CALL_STATS until frames are decoded over a selected pair, or fails after `ms`. */
export async function callEstablished(browser: NsProcess, ms = 30_000): Promise<CallStats> {
  const deadline = Date.now() + ms;
  let last: CallStats | null = null;
  while (Date.now() < deadline) {
    last = await browser.call<CallStats | null>('evaluate', CALL_STATS);
    if (last && last.state === 'connected' && last.framesDecoded > 0 && last.videoWidth > 0 && last.local) return last;
    await new Promise((ok) => setTimeout(ok, 300));
  }
  throw new Error(`no decoded remote video within ${ms} ms; last stats ${JSON.stringify(last)}; problems ${JSON.stringify(await browser.call('problems'))}`);
}

/** In the page: how many peer connections it made, the last one's state, local ICE ufrag and the status line. */
const ICE_STATE = `(() => {
  const pcs = window.__duetPcs || [];
  const pc = pcs.at(-1);
  const status = document.getElementById('status');
  const ufrag = pc && pc.localDescription ? /a=ice-ufrag:(\\S+)/.exec(pc.localDescription.sdp) : null;
  return {
    // connections that negotiated: not the spare a page makes ahead and closes unused (session/spare.ts)
    peerConnections: pcs.filter((c) => c.localDescription || c.remoteDescription).length,
    state: pc ? pc.connectionState : null,
    ufrag: ufrag ? ufrag[1] : null,
    status: status ? status.dataset.state : null,
  };
})()`;

export interface IceState {
  peerConnections: number;
  state: string | null;
  /** The ICE username fragment of the current local description: a new one means an ICE restart. */
  ufrag: string | null;
  /** `#status`'s data-state. */
  status: string | null;
}

export function iceState(browser: NsProcess): Promise<IceState> {
  return browser.call<IceState>('evaluate', ICE_STATE);
}

/** The decoded remote video frames so far (0 without a peer connection). */
export async function framesDecoded(browser: NsProcess): Promise<number> {
  return (await browser.call<CallStats | null>('evaluate', CALL_STATS))?.framesDecoded ?? 0;
}

/** Polls `expression` in the page (one short evaluate at a time) until it is truthy, or fails after `ms`. */
export async function untilInPage<T>(browser: NsProcess, expression: string, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await browser.call<T>('evaluate', expression);
    if (value) return value;
    if (Date.now() > deadline)
      throw new Error(`timed out after ${ms} ms waiting for ${expression.slice(0, 120)}; problems ${JSON.stringify(await browser.call('problems'))}`);
    await new Promise((ok) => setTimeout(ok, 500));
  }
}
