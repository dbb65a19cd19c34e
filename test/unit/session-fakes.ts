/**
 * Fakes for unit-testing the call session without a page or a server: a
 * signaling client whose handlers the test calls, a peer factory making peers
 * whose connection state the test sets, and data channels the test opens.
 */
import type { Peer, PeerOptions } from '../../src/public/js/session/peer.js';
import { createSession } from '../../src/public/js/session/session.js';
import type { Session, SessionEvents, SessionOptions } from '../../src/public/js/session/session-types.js';
import type { OpenSocket, SignalingHandlers } from '../../src/public/js/session/signaling.js';

export interface FakeChannel {
  readyState: RTCDataChannelState;
  sent: unknown[];
  send(data: string): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  onopen: (() => void) | null;
  onclose: (() => void) | null;
  /** Opens the channel as the browser would. */
  open(): void;
  /** The other page sends `message`. */
  receive(message: unknown): void;
  close(): void;
}

function fakeChannel(): FakeChannel {
  const dc: FakeChannel = {
    readyState: 'connecting',
    sent: [],
    send: (data) => void dc.sent.push(JSON.parse(data)),
    onmessage: null,
    onopen: null,
    onclose: null,
    open() {
      dc.readyState = 'open';
      dc.onopen?.();
    },
    receive: (message) => dc.onmessage?.({ data: JSON.stringify(message) }),
    close() {
      dc.readyState = 'closed';
      dc.onclose?.();
    },
  };
  return dc;
}

export interface FakePeer extends Peer {
  readonly options: PeerOptions;
  readonly calls: string[];
  readonly handled: unknown[];
  channel: FakeChannel | undefined;
  /** The connection state changes to `state`. */
  become(state: RTCPeerConnectionState): void;
  /** The data channel arrives (the impolite side's own, or the polite side's from the offer). */
  attachChannel(): FakeChannel;
}

function fakePeer(options: PeerOptions): FakePeer {
  const pc = { connectionState: 'new' as RTCPeerConnectionState, remoteDescription: null, getStats: async () => new Map() };
  const peer: FakePeer = {
    options,
    calls: [],
    handled: [],
    channel: undefined,
    pc: pc as unknown as RTCPeerConnection,
    polite: options.polite,
    handle: (data) => void peer.handled.push(data),
    sender: () => undefined,
    setTrack: async () => void peer.calls.push('setTrack'),
    resume: () => void peer.calls.push('resume'),
    release: () => void peer.calls.push('release'),
    close: () => void peer.calls.push('close'),
    become(state) {
      pc.connectionState = state;
      options.onState(state);
    },
    attachChannel() {
      peer.channel = fakeChannel();
      options.onChannel(peer.channel as unknown as RTCDataChannel);
      return peer.channel;
    },
  };
  return peer;
}

export interface Harness {
  session: Session;
  /** The handlers the session gave to signaling: the test plays the server. */
  server: SignalingHandlers;
  connected: { room: string; socket: OpenSocket } | undefined;
  sent: unknown[];
  left: boolean;
  peers: FakePeer[];
  /** Every event the session raised, in order. */
  events: Array<{ [K in keyof SessionEvents]: [K, SessionEvents[K]] }[keyof SessionEvents]>;
  /** The status line's `data-state` and text key now. */
  status(): string;
  lastPeer(): FakePeer;
}

export function startHarness(options: Partial<SessionOptions> = {}): Harness {
  const socket = { socket: {}, failures: 0 } as unknown as OpenSocket;
  let clock = 0;
  const h = { connected: undefined, sent: [], left: false, peers: [], events: [] } as unknown as Harness;
  h.session = createSession({
    room: 'test-room',
    socket,
    local: {} as MediaStream,
    state: { muted: false, cameraOff: false, screen: false },
    iceServers: () => [],
    name: 'Ann',
    ...options,
    deps: {
      connect(room, on, open) {
        h.server = on;
        h.connected = { room, socket: open };
        return { send: (data) => void h.sent.push(data), leave: () => void (h.left = true), id: 'me' };
      },
      createPeer(peerOptions) {
        const peer = fakePeer(peerOptions);
        h.peers.push(peer);
        return peer;
      },
      newStream: () => ({ addTrack: () => undefined }) as unknown as MediaStream,
      now: () => (clock += 10),
    },
  });
  for (const name of ['status', 'remoteStream', 'remote', 'chat', 'chatAvailable', 'setup'] as const) {
    h.session.on(name, (value) => h.events.push([name, value] as never));
  }
  h.status = () => `${h.session.line.status}:${h.session.line.key}`;
  h.lastPeer = () => h.peers.at(-1)!;
  h.session.start();
  return h;
}
