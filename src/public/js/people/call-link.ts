/**
 * The call session's signaling for a call by name: the room protocol on the people page's
 * socket, in the private room the server named in `accepted`. It is made when the ring starts,
 * so it hears `accepted` and keeps the room's first events until the session connects (the
 * camera may still be opening). Unlike a room link it never sends `join` (the server seats both
 * people) and leaving sends nothing: hanging up is the page's `hangup`, and the socket stays open.
 *
 * `warm` (the caller): the session is told it is in the room as soon as it connects, so it
 * prepares its offer and ICE candidates while the other phone rings; the server's own `joined`
 * then changes nothing and `otherjoin` sends the prepared offer, as in a room.
 *
 * `sent` is told each time the session sends a message into the call (its offer or answer first).
 */
import { listenToRoom, type OpenSocket, type Signaling, type SignalingHandlers } from '../session/signaling.js';
import type { PeopleSocket } from './people-socket.js';

export interface CallLink {
  /** The session's `deps.connect`; the room argument is ignored (the link learns it from `accepted`). */
  connect(room: string, on: SignalingHandlers, open: OpenSocket): Signaling;
  /** Stops listening (the call or the ring is over). */
  close(): void;
}

type Pending = (on: SignalingHandlers) => void;

export function createCallLink(socket: PeopleSocket, warm: boolean, sent: () => void = () => {}): CallLink {
  let room: string | undefined;
  let handlers: SignalingHandlers | undefined;
  let skipJoined = warm;
  const pending: Pending[] = [];

  const deliver = (event: Pending) => (handlers ? event(handlers) : void pending.push(event));
  const accepted = (r: string) => void (room = r);
  const connected = () => handlers?.link('connected');
  const lost = () => handlers?.link('lost');
  socket.on('accepted', accepted);
  socket.on('connect', connected);
  socket.on('disconnect', lost);
  const stopRoom = listenToRoom(socket, (r) => room !== undefined && r === room, {
    joined: (id) =>
      deliver((on) => {
        if (skipJoined) skipJoined = false;
        else on.joined(id);
      }),
    otherjoin: (id) => deliver((on) => on.otherjoin(id)),
    full: () => deliver((on) => on.full()),
    bye: (id) => deliver((on) => on.bye(id)),
    message: (data) => deliver((on) => on.message(data)),
  });
  const close = () => {
    socket.off('accepted', accepted);
    socket.off('connect', connected);
    socket.off('disconnect', lost);
    stopRoom();
  };

  return {
    close,
    connect(_room, on) {
      handlers = on;
      on.link(socket.connected ? 'connected' : 'lost');
      if (warm) on.joined(socket.id ?? '');
      for (const event of pending.splice(0)) event(on);
      return {
        send(data) {
          if (room === undefined || !socket.connected) return;
          socket.emit('message', room, data);
          sent();
        },
        leave: close,
        get id() {
          return socket.id;
        },
      };
    },
  };
}
