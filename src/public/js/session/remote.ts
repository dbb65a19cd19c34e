/**
 * What the other page tells us over the data channel: its name, its
 * mute/camera/screen/audio-only state, whether its video is paused by a poor link, and chat, plus hang-up and liveness messages,
 * which are handed to the session's hooks.
 */
import type { ChannelMessage } from './channel.js';
import type { Remote, SessionEvents } from './session-types.js';

export interface RemoteHooks {
  emit<K extends 'remote' | 'chat' | 'recording'>(event: K, value: SessionEvents[K]): void;
  /** They hung up. */
  bye(): void;
  /** They asked whether we are still there. */
  ping(): void;
  /** They answered our ping. */
  pong(): void;
}

export interface RemoteSide {
  readonly value: Remote;
  handle(m: ChannelMessage): void;
  /** Forgets name and state (no connection to them any more). */
  reset(): void;
}

export function createRemoteSide(hooks: RemoteHooks): RemoteSide {
  let remote: Remote = { name: '', state: undefined, poor: false };
  const set = (next: Remote) => hooks.emit('remote', (remote = next));

  return {
    get value() {
      return remote;
    },
    handle(m) {
      switch (m.kind) {
        case 'hello':
          return set({ ...remote, name: m.name });
        case 'state':
          return set({ ...remote, state: { muted: m.muted, cameraOff: m.cameraOff, screen: m.screen, audioOnly: m.audioOnly === true } });
        case 'link':
          return set({ ...remote, poor: m.poor });
        case 'chat':
          return hooks.emit('chat', { sender: remote.name, text: m.text, time: m.time });
        case 'recording':
          return hooks.emit('recording', m.on);
        case 'bye':
          return hooks.bye();
        case 'ping':
          return hooks.ping();
        case 'pong':
          return hooks.pong();
      }
    },
    reset() {
      set({ name: '', state: undefined, poor: false });
      hooks.emit('recording', false);
    },
  };
}
