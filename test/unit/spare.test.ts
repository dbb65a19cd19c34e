/**
 * The connection made ahead for the first answer (src/public/js/session/spare.ts) and how the
 * call session uses it (session.ts): fake timers and plain objects stand in for the
 * RTCPeerConnections.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { peerConfig } from '../../src/public/js/session/peer.js';
import { createSpare } from '../../src/public/js/session/spare.js';
import { WARM_AFTER_MS, WARM_REFRESH_MS } from '../../src/public/js/session/standby.js';
import { startHarness } from './session-fakes.js';

interface FakePc {
  id: number;
  closed: boolean;
  close(): void;
}

function made() {
  const list: FakePc[] = [];
  const make = () => {
    const pc: FakePc = { id: list.length, closed: false, close: () => void (pc.closed = true) };
    list.push(pc);
    return pc as unknown as RTCPeerConnection;
  };
  return { list, make };
}

describe('the connection made ahead for the first answer', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));
  afterEach(() => vi.useRealTimers());

  it('bundles everything on one transport and gathers a pool of candidates ahead only when asked', () => {
    expect(peerConfig([{ urls: 'stun:example.org' }], 1)).toEqual({
      iceServers: [{ urls: 'stun:example.org' }],
      bundlePolicy: 'max-bundle',
      iceCandidatePoolSize: 1,
    });
    expect(peerConfig([])).toMatchObject({ bundlePolicy: 'max-bundle', iceCandidatePoolSize: 0 });
  });

  it('is made at once, handed over once and open, and not replaced after that', () => {
    const { list, make } = made();
    const spare = createSpare(make);
    expect(list).toHaveLength(1);
    expect(spare.take()).toBe(list[0]);
    expect(list[0]!.closed).toBe(false);
    expect(spare.take()).toBeUndefined();
    vi.advanceTimersByTime(WARM_REFRESH_MS * 3);
    expect(list).toHaveLength(1);
  });

  it('is replaced by a fresh one every refresh while nobody takes it, so its candidates cannot go stale', () => {
    const { list, make } = made();
    const spare = createSpare(make);
    vi.advanceTimersByTime(WARM_REFRESH_MS - 1);
    expect(list).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(list.map((pc) => pc.closed)).toEqual([true, false]);
    expect(spare.take()).toBe(list[1]);
  });

  it('closes the one it holds and stops when the page no longer needs it', () => {
    const { list, make } = made();
    const spare = createSpare(make);
    spare.close();
    expect(list[0]!.closed).toBe(true);
    expect(spare.take()).toBeUndefined();
    vi.advanceTimersByTime(WARM_REFRESH_MS * 3);
    expect(list).toHaveLength(1);
  });
});

describe('the call session with a connection made ahead', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }));
  afterEach(() => vi.useRealTimers());

  const joined = () => {
    const { list, make } = made();
    const h = startHarness({ spare: createSpare(make) });
    h.server.link('connected');
    h.server.joined('me');
    return { h, list };
  };

  it('answers the first offer on it', () => {
    const { h, list } = joined();
    h.server.message({ type: 'offer', sdp: 'v=0\r\n' });
    expect(h.lastPeer().polite).toBe(true);
    expect(h.lastPeer().options.pc).toBe(list[0]);
    expect(list[0]!.closed).toBe(false);
  });

  it('closes it once it waits alone and prepares its own offer instead', () => {
    const { h, list } = joined();
    vi.advanceTimersByTime(WARM_AFTER_MS);
    expect(list[0]!.closed).toBe(true);
    expect(h.lastPeer().options).toMatchObject({ held: true, polite: false, pc: undefined });
    // a later offer (the other page started afresh) gets a connection of its own
    h.server.message({ type: 'offer', sdp: 'v=0\r\n' });
    expect(h.lastPeer().options.pc).toBeUndefined();
  });

  it('closes it when the room is full: no call will come', () => {
    const { h, list } = joined();
    h.server.full();
    expect(list[0]!.closed).toBe(true);
    expect(h.peers).toHaveLength(0);
  });

  it('closes it on hang-up', () => {
    const { h, list } = joined();
    h.session.hangup();
    expect(list[0]!.closed).toBe(true);
  });
});
