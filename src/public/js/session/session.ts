/**
 * The call session, with no DOM access: joins a room on an open socket, makes the peer connection in the protocol's
 * role, keeps a live call across signaling drops, goes back to waiting when the other person leaves, carries names,
 * media state, chat and files (files-link.ts) over data channels, and raises all of it as events for a view to draw.
 */
import { wrapChannel, type Channel } from './channel.js';
import { createEmitter } from './emitter.js';
import { createFilesLink } from './files-link.js';
import { createPresence } from './presence.js';
import type { Peer } from './peer.js';
import { createRemoteSide } from './remote.js';
import { DEFAULT_DEPS, type MediaState, type Session, type SessionEvents, type SessionOptions } from './session-types.js';
import { createStandby, type Prepared } from './standby.js';
import type { Signaling } from './signaling.js';
import { settle, statusLine, withNote, type CallFacts, type Note } from './status.js';
import { fromAnotherConnection, parseDescription } from './wire.js';

export function createSession(o: SessionOptions): Session {
  const deps = { ...DEFAULT_DEPS, ...o.deps };
  const events = createEmitter<SessionEvents>();
  const f: CallFacts = { ended: false, full: false, peer: undefined, link: 'connecting', inRoom: false, otherLeft: false };
  let line = statusLine(f);
  let peer: Peer | undefined, channel: Channel | undefined;
  let signaling: Signaling | undefined;
  let local: MediaState = o.state;
  let linkPoor = false;
  let recording = false;
  let startedAt = 0,
    setupMs: number | undefined;
  const files = createFilesLink<SessionEvents>(events.emit);

  /** The one place the status line changes: facts in, line out. */
  const update = (note?: Note) => {
    const now = { ...f, peer: peer?.pc.connectionState };
    Object.assign(f, note ? withNote(now, note) : settle(now));
    line = statusLine(f);
    events.emit('status', line);
  };

  const alive = () => Boolean(peer && peer.pc.connectionState === 'connected' && (!channel || channel.open));
  const standby = createStandby(
    () => (o.spare?.close(), preparePeer(false, true)), // alone in the room: we will offer, not answer
    () => !peer && f.inRoom && !f.ended && !f.full,
  );
  const nothingAhead = () => (standby.cancel(), o.spare?.close()); // no call to come: drop what was made ahead
  const them = createRemoteSide({
    emit: events.emit,
    bye: () => otherPersonLeft(),
    ping: () => void channel?.send({ kind: 'pong' }),
    pong: () => presence.answered(),
  });
  const presence = createPresence({
    channel: () => channel,
    peer: () => peer,
    alive,
    gone: () => otherPersonLeft(),
    restart: () => !f.ended && newPeer(false),
  });

  /** A connection for the other person; a held one (prepared while waiting) sends nothing until released. */
  function preparePeer(polite: boolean, held: boolean): Prepared {
    const stream = deps.newStream();
    const created: Peer = deps.createPeer({
      iceServers: o.iceServers(),
      polite,
      held,
      pc: polite ? o.spare?.take() : undefined,
      local: o.local,
      send: (data) => signaling?.send(data),
      onTrack: (track) => stream.addTrack(track),
      onState: () => update(),
      onFilesChannel: files.attach,
      onChannel: (dc) => {
        const mine = wrapChannel(
          dc,
          them.handle,
          () => {
            mine.send({ kind: 'hello', name: o.name });
            mine.send({ kind: 'state', ...local });
            if (linkPoor) mine.send({ kind: 'link', poor: true });
            if (recording) mine.send({ kind: 'recording', on: true });
            events.emit('chatAvailable', true);
          },
          () => {
            if (channel === mine && peer === created) otherPersonLeft();
          },
        );
        channel = mine;
      },
    });
    events.emit('peer', created.pc);
    return { peer: created, stream };
  }

  function show(prepared: Prepared): void {
    peer = prepared.peer;
    events.emit('remoteStream', prepared.stream);
    update();
  }

  function newPeer(polite: boolean): void {
    standby.cancel();
    dropPeer();
    show(preparePeer(polite, false));
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
    files.drop();
    old?.close();
    them.reset();
    events.emit('chatAvailable', false);
    events.emit('remoteStream', null);
  }

  function otherPersonLeft(): void {
    if (!peer || f.ended) return;
    dropPeer();
    f.otherLeft = true;
    setupMs = undefined;
    update();
    standby.schedule();
  }

  function start(): void {
    startedAt = deps.now();
    signaling = deps.connect(
      o.room,
      {
        joined() {
          Object.assign(f, { inRoom: true, full: false });
          if (peer && !alive()) peer.resume(); // back after a network gap: our last offer may be lost
          if (!peer) standby.schedule();
          update();
        },
        otherjoin() {
          if (alive()) return update(); // the same person rejoining after a signaling drop
          if (peer && channel?.open) return presence.resume(peer); // probably the same person, back after losing the network
          startedAt = deps.now();
          setupMs = undefined;
          offer();
        },
        full() {
          if (alive()) return; // a stale seat during a server restart; the call goes on
          nothingAhead();
          dropPeer();
          f.full = true;
          update();
        },
        bye() {
          if (!peer) return;
          if (!channel?.open) return otherPersonLeft();
          presence.check(); // the other page may only have lost its server connection
        },
        message(data) {
          if (f.ended || f.full) return;
          const offer = parseDescription(data);
          // an offer from another RTCPeerConnection (the other page reloaded or started afresh) replaces ours
          if (offer?.type === 'offer' && (!peer || fromAnotherConnection(offer, peer.pc.remoteDescription))) newPeer(true);
          peer?.handle(data);
        },
        link(state) {
          f.link = state;
          if (state !== 'connected') f.inRoom = false;
          update();
        },
        refused(code, message) {
          if (code !== 'room-full') update({ kind: 'error', detail: message || code });
        },
      },
      o.socket,
    );
  }

  return {
    on: events.on,
    start,
    get line() {
      return line;
    },
    get remote() {
      return them.value;
    },
    get setupMs() {
      return setupMs;
    },
    connection: () => peer?.pc,
    remoteFrame: () => void (setupMs === undefined && peer && events.emit('setup', (setupMs = deps.now() - startedAt))),
    setLocalState: (state) => void channel?.send({ kind: 'state', ...(local = state) }),
    setLinkPoor(poor) {
      if (poor === linkPoor) return;
      linkPoor = poor;
      channel?.send({ kind: 'link', poor });
    },
    sendFile: files.send,
    setRecording(on) {
      recording = on;
      channel?.send({ kind: 'recording', on });
    },
    sendChat: (text) => channel?.send({ kind: 'chat', text, time: Date.now() }) ?? false,
    setTrack: async (kind, track) => void (await Promise.all([peer, standby.peer].flatMap((p) => (p ? [p.setTrack(kind, track)] : [])))),
    notice: (key) => update({ kind: 'notice', key }),
    hangup() {
      channel?.send({ kind: 'bye' });
      f.ended = true;
      nothingAhead();
      dropPeer();
      signaling?.leave();
      update();
    },
  };
}
