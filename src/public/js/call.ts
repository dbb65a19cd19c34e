/**
 * The call: joins the room through signaling, creates the peer connection in
 * the role the protocol gives us, keeps a live call across signaling drops,
 * goes back to waiting when the other person leaves, and carries chat and
 * mute/camera/screen state over the data channel.
 */
import { wrapChannel, type Channel, type ChannelMessage } from './channel.js';
import { t } from './i18n.js';
import { createPeer, type Peer } from './peer.js';
import { createPresence } from './presence.js';
import { createStandby, type Prepared } from './standby.js';
import { fromAnotherConnection, parseDescription } from './wire.js';
import { connectSignaling, type LinkState, type OpenSocket, type Signaling } from './signaling.js';
import { deriveStatus } from './status.js';
import { renderRemoteState, renderStatus, type RemoteState, type RoomElements } from './ui.js';

export interface CallOptions {
  room: string;
  ui: RoomElements;
  local: MediaStream;
  /** The freshest ICE servers (TURN credentials expire; see ice-config.ts). */
  iceServers(): RTCIceServer[];
  /** Every new peer connection, for the ICE config refresh and the path display. */
  onPeer?(pc: RTCPeerConnection): void;
  /** The connection opened with the page; joining the room happens here. */
  socket: OpenSocket;
  name: string;
  localState(): RemoteState;
  onChat(sender: string, text: string, time: number): void;
  onChatAvailable(available: boolean): void;
  /** The call is over: hung up here, or the room was full. */
  onOver(why: 'ended' | 'full'): void;
}

export interface Call {
  readonly peer: Peer | undefined;
  /** Milliseconds from joining (or the other person arriving) to the first remote frame. */
  readonly setupMs: number | undefined;
  sendState(): void;
  sendChat(text: string): boolean;
  setTrack(kind: 'audio' | 'video', track: MediaStreamTrack | null): Promise<void>;
  hangup(): void;
  rerender(): void;
}

export function startCall(o: CallOptions): Call {
  const { ui } = o;
  let peer: Peer | undefined;
  let channel: Channel | undefined;
  let link: LinkState = 'connecting';
  let inRoom = false;
  let otherLeft = false;
  let full = false;
  let ended = false;
  let startedAt = performance.now();
  let setupMs: number | undefined;
  let remoteName = '';
  let remoteState: RemoteState | undefined;

  const status = () => deriveStatus({ ended, full, peer: peer?.pc.connectionState, link, inRoom, otherLeft });
  const update = () => renderStatus(ui, status());
  const updateRemote = () => renderRemoteState(ui, remoteState, remoteName);

  const alive = () => Boolean(peer && peer.pc.connectionState === 'connected' && (!channel || channel.open));
  const standby = createStandby(
    () => preparePeer(false, true),
    () => !peer && inRoom && !ended && !full,
  );
  const presence = createPresence({
    channel: () => channel,
    peer: () => peer,
    alive,
    gone: () => otherPersonLeft(),
    restart: () => !ended && newPeer(false),
  });

  function onChannelMessage(m: ChannelMessage): void {
    switch (m.kind) {
      case 'hello':
        remoteName = m.name;
        return updateRemote();
      case 'state':
        remoteState = { muted: m.muted, cameraOff: m.cameraOff, screen: m.screen };
        return updateRemote();
      case 'chat':
        return o.onChat(remoteName || t('chat.them'), m.text, m.time);
      case 'bye':
        return otherPersonLeft();
      case 'ping':
        return void channel?.send({ kind: 'pong' });
      case 'pong':
        return presence.answered();
    }
  }

  /** A connection for the other person; a held one (prepared while waiting) sends nothing until released. */
  function preparePeer(polite: boolean, held: boolean): Prepared {
    const stream = new MediaStream();
    const created: Peer = createPeer({
      iceServers: o.iceServers(),
      polite,
      held,
      local: o.local,
      send: (data) => signaling.send(data),
      onTrack: (track) => stream.addTrack(track),
      onState: () => update(),
      onChannel: (dc) => {
        const mine = wrapChannel(
          dc,
          onChannelMessage,
          () => {
            mine.send({ kind: 'hello', name: o.name });
            mine.send({ kind: 'state', ...o.localState() });
            o.onChatAvailable(true);
          },
          () => {
            if (channel === mine && peer === created) otherPersonLeft();
          },
        );
        channel = mine;
      },
    });
    o.onPeer?.(created.pc);
    return { peer: created, stream };
  }

  function show(prepared: Prepared): Peer {
    peer = prepared.peer;
    ui.remote.srcObject = prepared.stream;
    update();
    return prepared.peer;
  }

  function newPeer(polite: boolean): Peer {
    standby.cancel();
    dropPeer();
    return show(preparePeer(polite, false));
  }

  /** The other person arrived: send the offer prepared while we waited, or make one now. */
  function offer(): void {
    const prepared = standby.take();
    if (!prepared) return void newPeer(false);
    dropPeer();
    show(prepared);
    prepared.peer.release();
  }

  function dropPeer(): void {
    const old = peer;
    peer = undefined;
    channel = undefined;
    presence.stop();
    old?.close();
    remoteState = undefined;
    remoteName = '';
    updateRemote();
    o.onChatAvailable(false);
    ui.remote.srcObject = null;
  }

  function otherPersonLeft(): void {
    if (!peer || ended) return;
    dropPeer();
    otherLeft = true;
    setupMs = undefined;
    update();
    standby.schedule();
  }

  ui.remote.addEventListener('resize', () => {
    if (setupMs === undefined && ui.remote.videoWidth > 0 && peer) setupMs = performance.now() - startedAt;
  });

  const signaling: Signaling = connectSignaling(o.room, {
    joined() {
      inRoom = true;
      full = false;
      if (peer && !alive()) peer.resume(); // back after a network gap: our last offer may be lost
      if (!peer) standby.schedule();
      update();
    },
    otherjoin() {
      if (alive()) return update(); // the same person rejoining after a signaling drop
      if (peer && channel?.open) return presence.resume(peer); // probably the same person, back after losing the network
      startedAt = performance.now();
      setupMs = undefined;
      offer();
    },
    full() {
      if (alive()) return; // a stale seat during a server restart; the call goes on
      standby.cancel();
      dropPeer();
      full = true;
      update();
      o.onOver('full');
    },
    bye() {
      if (!peer) return;
      if (!channel?.open) return otherPersonLeft();
      presence.check(); // the other page may only have lost its server connection
    },
    message(data) {
      if (ended || full) return;
      const offer = parseDescription(data);
      // an offer from another RTCPeerConnection (the other page reloaded or started afresh) replaces ours
      if (offer?.type === 'offer' && (!peer || fromAnotherConnection(offer, peer.pc.remoteDescription))) newPeer(true);
      peer?.handle(data);
    },
    link(state) {
      link = state;
      if (state !== 'connected') inRoom = false;
      update();
    },
    refused(code, message) {
      if (code === 'room-full') return;
      renderStatus(ui, 'error', message || code);
    },
  }, o.socket);

  return {
    get peer() {
      return peer;
    },
    get setupMs() {
      return setupMs;
    },
    sendState() {
      channel?.send({ kind: 'state', ...o.localState() });
    },
    sendChat(text) {
      return channel?.send({ kind: 'chat', text, time: Date.now() }) ?? false;
    },
    async setTrack(kind, track) {
      await peer?.setTrack(kind, track);
    },
    hangup() {
      channel?.send({ kind: 'bye' });
      ended = true;
      standby.cancel();
      dropPeer();
      signaling.leave();
      update();
      o.onOver('ended');
    },
    rerender() {
      update();
      updateRemote();
    },
  };
}
