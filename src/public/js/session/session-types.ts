/**
 * The call session's surface: what it is started with, what it can be told,
 * and the events it raises. A view subscribes with `on` before `start()`.
 */
import type { Key } from '../i18n/strings-en.js';
import type { Emitter } from './emitter.js';
import type { OutgoingTransfer } from '../files/sender.js';
import type { FilesEvents, PickedFile } from './files-link.js';
import { createPeer, type Peer, type PeerOptions } from './peer.js';
import { connectSignaling, type OpenSocket, type Signaling, type SignalingHandlers } from './signaling.js';
import type { Spare } from './spare.js';
import type { StatusLine } from './status.js';

/** Microphone muted, camera off, screen shared, audio only by choice: ours, or the other person's as they told us. */
export interface MediaState {
  muted: boolean;
  cameraOff: boolean;
  screen: boolean;
  /** No video either way for this call (absent: false; pages before it never sent the flag). */
  audioOnly?: boolean;
}

/** The other person as their page described itself ('' and undefined until it did). */
export interface Remote {
  name: string;
  state: MediaState | undefined;
  /** Their video is paused because their side of the link is poor (quality/ladder.ts). */
  poor: boolean;
}

export interface SessionEvents extends FilesEvents {
  /** The status line changed (or was derived again). */
  status: StatusLine;
  /** The other person's tracks (filled as they arrive), or null when there is no connection. */
  remoteStream: MediaStream | null;
  remote: Remote;
  /** A chat message from the other person; `sender` is '' when they gave no name. */
  chat: { sender: string; text: string; time: number };
  /** Whether the other person is recording the call (as their page tells us; false once they are gone). */
  recording: boolean;
  /** Whether chat can be sent (the data channel is open). */
  chatAvailable: boolean;
  /** Milliseconds from joining (or the other person arriving) to the first remote frame. */
  setup: number;
  /** Every new peer connection, for the ICE config refresh and the path display. */
  peer: RTCPeerConnection;
}

/** What the session is built on; tests replace them with fakes. */
export interface SessionDeps {
  connect(room: string, on: SignalingHandlers, socket: OpenSocket): Signaling;
  createPeer(options: PeerOptions): Peer;
  newStream(): MediaStream;
  now(): number;
}

export const DEFAULT_DEPS: SessionDeps = {
  connect: connectSignaling,
  createPeer,
  newStream: () => new MediaStream(),
  now: () => performance.now(),
};

export interface SessionOptions {
  room: string;
  /** The connection opened with the page (or kept by another page); joining the room happens on `start()`. */
  socket: OpenSocket;
  local: MediaStream;
  /** Our media state when the call starts; later changes come through `setLocalState`. */
  state: MediaState;
  /** The freshest ICE servers (TURN credentials expire; see ice-config.ts). */
  iceServers(): RTCIceServer[];
  name: string;
  /** A connection made ahead for the first answer, if the page made one; the session takes or closes it. */
  spare?: Spare;
  deps?: Partial<SessionDeps>;
}

export interface Session {
  on: Emitter<SessionEvents>['on'];
  /** Joins the room; call after subscribing. */
  start(): void;
  readonly line: StatusLine;
  readonly remote: Remote;
  readonly setupMs: number | undefined;
  /** The peer connection in use (for its statistics and certificates), or undefined when there is none. */
  connection(): RTCPeerConnection | undefined;
  /** The view saw the first frame of the other person's video. */
  remoteFrame(): void;
  setLocalState(state: MediaState): void;
  /** Tells the other person whether our video is paused because the link is poor (told again on a new connection). */
  setLinkPoor(poor: boolean): void;
  sendChat(text: string): boolean;
  /** Tells the other person whether we are recording the call (told again to a new connection). */
  setRecording(on: boolean): void;
  /** Offers a file to the other person over the files channel; undefined while it is not open. */
  sendFile(file: PickedFile): OutgoingTransfer | undefined;
  setTrack(kind: 'audio' | 'video', track: MediaStreamTrack | null): Promise<void>;
  /** Tells the user something on the status line until the call's state next changes. */
  notice(key: Key): void;
  hangup(): void;
}
