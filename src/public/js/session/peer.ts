/**
 * One RTCPeerConnection with perfect negotiation. The peer that got `otherjoin` is impolite and offers first;
 * the polite one answers and rolls back on glare. Candidates wait until a remote description is set. ICE restarts
 * when the connection fails or stays disconnected for a few seconds. A held peer (prepared ahead, see standby.ts)
 * keeps its offer, candidates and data channel to itself until released.
 */
import type { SignalData } from '../../../shared/events.js';
import { FILES_CHANNEL_LABEL } from '../files/protocol.js';
import { FULL_SIZE_AFTER_MS, liftStartSize, limitStartSize } from './startsize.js';
import { withOpusFec } from './opus.js';
import { parseCandidate, parseDescription, toCandidate, toDescription } from './wire.js';

export interface PeerOptions {
  iceServers: RTCIceServer[];
  polite: boolean;
  local: MediaStream;
  /** Prepared ahead (impolite side, while waiting): hold outgoing messages and the data channel until `release()`. */
  held?: boolean;
  /** A connection made ahead to use (polite side, spare.ts), instead of a new one. */
  pc?: RTCPeerConnection;
  send(data: SignalData): void;
  onTrack(track: MediaStreamTrack): void;
  onChannel(channel: RTCDataChannel): void;
  /** The connection's own data channel for file transfers (labelled "files"), apart from chat. */
  onFilesChannel?(channel: RTCDataChannel): void;
  onState(state: RTCPeerConnectionState): void;
}

export interface Peer {
  readonly pc: RTCPeerConnection;
  readonly polite: boolean;
  /** Feeds one signaling message from the other peer (in arrival order). */
  handle(data: unknown): void;
  /** The sender of `kind`'s transceiver (there is one per kind). */
  sender(kind: 'audio' | 'video'): RTCRtpSender | undefined;
  /** Puts `track` on the `kind` sender; renegotiates only if that transceiver did not send yet. */
  setTrack(kind: 'audio' | 'video', track: MediaStreamTrack | null): Promise<void>;
  /** After a signaling gap (a rejoin) on a connection that is not up: resends our offer that may have been lost, or restarts ICE. */
  resume(): void;
  /** A held peer goes live: sends the offer and candidates prepared so far and hands over its data channel. */
  release(): void;
  close(): void;
}

/** A description as it goes to the other peer: Opus with in-band FEC (opus.ts). */
const outgoing = (d: RTCSessionDescription) => toDescription({ type: d.type, sdp: withOpusFec(d.sdp) });

/** The configuration of every duet RTCPeerConnection; `pool` candidates are gathered ahead (spare.ts). */
export function peerConfig(iceServers: RTCIceServer[], pool = 0): RTCConfiguration {
  // max-bundle: one ICE transport from the start, a third of the candidates to send and check
  return { iceServers, bundlePolicy: 'max-bundle', iceCandidatePoolSize: pool };
}

/** How long `disconnected` may last before we restart ICE. */
const DISCONNECTED_GRACE_MS = 3000;

export function createPeer(options: PeerOptions): Peer {
  const { polite, local } = options;
  let held: SignalData[] | undefined = options.held ? [] : undefined;
  const send = (data: SignalData) => (held ? held.push(data) : options.send(data));
  const pc = options.pc ?? new RTCPeerConnection(peerConfig(options.iceServers));
  const pending: RTCIceCandidateInit[] = [];
  let makingOffer = false;
  let ignoreOffer = false;
  let answerPending = false;
  let attached = false;
  let queue: Promise<void> = Promise.resolve();
  let graceTimer: ReturnType<typeof setTimeout> | undefined;
  let fullSizeTimer: ReturnType<typeof setTimeout> | undefined;
  let video: RTCRtpSender | undefined;

  /**
   * Local tracks go on at once for the offerer, after the first offer for the answerer. Returns the
   * video sender to start at VGA size (see startsize.ts) when it was just added, else undefined.
   */
  function attachLocal(asOfferer: boolean): RTCRtpSender | undefined {
    if (attached) return undefined;
    attached = true;
    for (const kind of ['audio', 'video'] as const) {
      const track = local.getTracks().find((t) => t.kind === kind);
      if (track && kind === 'video') video = pc.addTrack(track, local);
      else if (track) pc.addTrack(track, local);
      else if (asOfferer) pc.addTransceiver(kind, { direction: 'recvonly' });
    }
    return video;
  }

  pc.onnegotiationneeded = async () => {
    try {
      makingOffer = true;
      await pc.setLocalDescription();
      if (pc.localDescription) send(outgoing(pc.localDescription));
    } catch (error) {
      console.warn('duet: could not make an offer', error);
    } finally {
      makingOffer = false;
    }
  };
  pc.onicecandidate = ({ candidate }) => {
    if (candidate && candidate.candidate) send(toCandidate(candidate));
  };
  pc.ontrack = ({ track }) => options.onTrack(track);
  pc.ondatachannel = ({ channel }) => (channel.label === FILES_CHANNEL_LABEL ? options.onFilesChannel?.(channel) : options.onChannel(channel));
  pc.onconnectionstatechange = () => {
    const state = pc.connectionState;
    clearTimeout(graceTimer);
    if (state === 'connected' && video && fullSizeTimer === undefined) {
      const sender = video;
      fullSizeTimer = setTimeout(() => void liftStartSize(sender), FULL_SIZE_AFTER_MS);
    }
    if (state === 'failed') pc.restartIce();
    if (state === 'disconnected') graceTimer = setTimeout(() => pc.connectionState === 'disconnected' && pc.restartIce(), DISCONNECTED_GRACE_MS);
    options.onState(state);
  };

  async function onDescription(description: RTCSessionDescriptionInit): Promise<void> {
    const readyForOffer = !makingOffer && (pc.signalingState === 'stable' || answerPending);
    const collision = description.type === 'offer' && !readyForOffer;
    ignoreOffer = !polite && collision;
    if (ignoreOffer) return;
    answerPending = description.type === 'answer';
    await pc.setRemoteDescription(description); // rolls back our offer on glare (polite side)
    answerPending = false;
    if (description.type === 'offer') {
      const added = attachLocal(false);
      await pc.setLocalDescription();
      if (pc.localDescription) send(outgoing(pc.localDescription));
      // after the answer is out: getParameters/setParameters wait for WebRTC's own thread, which
      // the descriptions keep busy, and nothing is sent before DTLS is up, so the scale still comes first
      if (added) void limitStartSize(added);
    }
    // candidates that came before the description, applied after the answer is out and all at once
    // (each addIceCandidate waits for WebRTC's thread; one after the other they held the answer back)
    await Promise.all(pending.splice(0).map(addCandidate));
  }

  async function addCandidate(candidate: RTCIceCandidateInit): Promise<void> {
    try {
      await pc.addIceCandidate(candidate);
    } catch (error) {
      if (!ignoreOffer) console.warn('duet: a remote candidate was refused', error);
    }
  }

  async function handleNow(data: unknown): Promise<void> {
    const description = parseDescription(data);
    if (description) return onDescription(description);
    const candidate = parseCandidate(data);
    if (!candidate) return; // the tutorial's clients send other chatter; ignore it
    if (!pc.remoteDescription) pending.push(candidate);
    else await addCandidate(candidate);
  }

  let heldChannel: RTCDataChannel | undefined;
  let heldFiles: RTCDataChannel | undefined;
  if (!polite) {
    const dc = pc.createDataChannel('duet', { ordered: true });
    const files = pc.createDataChannel(FILES_CHANNEL_LABEL, { ordered: true });
    if (held) [heldChannel, heldFiles] = [dc, files];
    else {
      options.onChannel(dc);
      options.onFilesChannel?.(files);
    }
    const added = attachLocal(true);
    if (added) void limitStartSize(added); // before the first offer is made (negotiationneeded waits for this task)
  }

  return {
    pc,
    polite,
    handle(data) {
      queue = queue.then(() => handleNow(data)).catch((error: unknown) => console.warn('duet: negotiation error', error));
    },
    sender(kind) {
      return pc.getTransceivers().find((t) => t.receiver.track.kind === kind)?.sender;
    },
    async setTrack(kind, track) {
      const transceiver = pc.getTransceivers().find((t) => t.receiver.track.kind === kind);
      if (!transceiver) {
        if (track) pc.addTrack(track, local);
        return;
      }
      await transceiver.sender.replaceTrack(track);
      if (track && (transceiver.direction === 'recvonly' || transceiver.direction === 'inactive')) {
        transceiver.sender.setStreams(local);
        transceiver.direction = 'sendrecv'; // fires negotiationneeded
      }
    },
    resume() {
      if (pc.connectionState === 'connected' || pc.signalingState === 'closed') return;
      if (pc.signalingState === 'have-local-offer' && pc.localDescription) send(outgoing(pc.localDescription));
      else if (pc.signalingState === 'stable') pc.restartIce();
    },
    release() {
      const messages = held ?? [];
      held = undefined;
      if (heldChannel) options.onChannel(heldChannel);
      if (heldFiles) options.onFilesChannel?.(heldFiles);
      heldChannel = heldFiles = undefined;
      for (const data of messages) options.send(data);
    },
    close() {
      clearTimeout(graceTimer);
      clearTimeout(fullSizeTimer);
      pc.onconnectionstatechange = null;
      pc.close();
    },
  };
}
