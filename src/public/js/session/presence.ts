/**
 * Is the other person still there? The server's `bye` only says that their
 * signaling connection dropped: their page may just have lost the network for
 * a moment. We ask over the data channel until they answer, the channel
 * closes, or GONE_AFTER_MS passes. When they rejoin while our connection is
 * down, we resume it (our lost offer again, or an ICE restart) and start a
 * fresh connection only if that does not bring it back.
 */
import type { Channel } from './channel.js';
import type { Peer } from './peer.js';

/** Time between two pings while the other person does not answer. */
export const PONG_WAIT_MS = 1500;
/** How long the other person may stay silent on the data channel before we call them gone. */
export const GONE_AFTER_MS = 15_000;
/** How long a resumed connection may take to come back before we start a fresh one. */
export const RESUME_WAIT_MS = 10_000;

export interface PresenceHooks {
  channel(): Channel | undefined;
  peer(): Peer | undefined;
  /** The connection is up and its data channel open. */
  alive(): boolean;
  /** They are gone: drop the connection and show it. */
  gone(): void;
  /** Resuming did not bring `stale` back: replace it with a fresh connection. */
  restart(stale: Peer): void;
}

export interface Presence {
  /** The server said `bye`: make sure before dropping the call. */
  check(): void;
  /** Their `pong` arrived: they are there. */
  answered(): void;
  /** They rejoined the room while our connection is down. */
  resume(peer: Peer): void;
  stop(): void;
}

export function createPresence(hooks: PresenceHooks): Presence {
  let checkTimer: ReturnType<typeof setTimeout> | undefined;
  let resumeTimer: ReturnType<typeof setTimeout> | undefined;

  return {
    check() {
      clearTimeout(checkTimer);
      const deadline = performance.now() + GONE_AFTER_MS;
      const ask = () => {
        const channel = hooks.channel();
        if (!channel?.open || performance.now() >= deadline) return hooks.gone();
        channel.send({ kind: 'ping' });
        checkTimer = setTimeout(ask, PONG_WAIT_MS);
      };
      ask();
    },
    answered() {
      clearTimeout(checkTimer);
    },
    resume(peer) {
      peer.resume();
      clearTimeout(resumeTimer);
      resumeTimer = setTimeout(() => {
        if (hooks.peer() === peer && !hooks.alive()) hooks.restart(peer);
      }, RESUME_WAIT_MS);
    },
    stop() {
      clearTimeout(checkTimer);
      clearTimeout(resumeTimer);
    },
  };
}
