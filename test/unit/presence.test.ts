/**
 * Deciding whether the other person is gone after the server's `bye`, and
 * resuming a connection when they come back (src/public/js/session/presence.ts),
 * with fake timers and a plain object standing in for the data channel.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Channel } from '../../src/public/js/session/channel.js';
import type { Peer } from '../../src/public/js/session/peer.js';
import { createPresence, GONE_AFTER_MS, PONG_WAIT_MS, RESUME_WAIT_MS, type PresenceHooks } from '../../src/public/js/session/presence.js';

function setup() {
  const sent: unknown[] = [];
  const channel = { open: true, send: (m: unknown) => (sent.push(m), true) } as unknown as Channel & { open: boolean };
  const resumed: string[] = [];
  const peer = { resume: () => resumed.push('resume') } as unknown as Peer;
  const events: string[] = [];
  const state = { alive: false, peer: peer as Peer | undefined, channel: channel as Channel | undefined };
  const hooks: PresenceHooks = {
    channel: () => state.channel,
    peer: () => state.peer,
    alive: () => state.alive,
    gone: () => events.push('gone'),
    restart: () => events.push('restart'),
  };
  return { presence: createPresence(hooks), sent, channel, peer, resumed, events, state };
}

describe('the other person after the server says bye', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }));
  afterEach(() => vi.useRealTimers());

  it('stays in the call when they answer a ping', () => {
    const { presence, sent, events } = setup();
    presence.check();
    expect(sent).toEqual([{ kind: 'ping' }]);
    presence.answered();
    vi.advanceTimersByTime(GONE_AFTER_MS * 2);
    expect(events).toEqual([]);
  });

  it('keeps asking while their network is down and gives up after GONE_AFTER_MS', () => {
    const { presence, sent, events } = setup();
    presence.check();
    vi.advanceTimersByTime(GONE_AFTER_MS - PONG_WAIT_MS);
    expect(events).toEqual([]);
    expect(sent.length).toBeGreaterThanOrEqual(Math.floor(GONE_AFTER_MS / PONG_WAIT_MS) - 1);
    vi.advanceTimersByTime(PONG_WAIT_MS * 2);
    expect(events).toEqual(['gone']);
  });

  it('is gone at once when the data channel is closed', () => {
    const { presence, channel, events } = setup();
    channel.open = false;
    presence.check();
    expect(events).toEqual(['gone']);
  });
});

describe('the other person rejoining while our connection is down', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }));
  afterEach(() => vi.useRealTimers());

  it('resumes the connection and keeps it when it comes back', () => {
    const { presence, peer, resumed, events, state } = setup();
    presence.resume(peer);
    expect(resumed).toEqual(['resume']);
    state.alive = true;
    vi.advanceTimersByTime(RESUME_WAIT_MS + 1);
    expect(events).toEqual([]);
  });

  it('starts a fresh connection when resuming does not bring it back', () => {
    const { presence, peer, events } = setup();
    presence.resume(peer);
    vi.advanceTimersByTime(RESUME_WAIT_MS + 1);
    expect(events).toEqual(['restart']);
  });

  it('does nothing more once the connection was replaced or dropped', () => {
    const { presence, peer, events, state } = setup();
    presence.resume(peer);
    state.peer = undefined;
    vi.advanceTimersByTime(RESUME_WAIT_MS + 1);
    presence.check();
    presence.stop();
    vi.advanceTimersByTime(GONE_AFTER_MS * 2);
    expect(events).toEqual([]);
  });
});
