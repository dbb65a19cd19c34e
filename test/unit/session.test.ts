/**
 * The call session (src/public/js/session/session.ts) without a page: fake
 * signaling (the test plays the server), fake peers and data channels, fake
 * timers. Each test reads the status line and events the session raises.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GONE_AFTER_MS, PONG_WAIT_MS } from '../../src/public/js/session/presence.js';
import { WARM_AFTER_MS } from '../../src/public/js/session/standby.js';
import { startHarness, type Harness } from './session-fakes.js';

function joinAlone(h: Harness): void {
  h.server.link('connected');
  h.server.joined('me');
}

/** We waited alone, the other person arrived, the prepared offer went out and the connection came up. */
function connectedCall(h: Harness) {
  joinAlone(h);
  vi.advanceTimersByTime(WARM_AFTER_MS);
  h.server.otherjoin('them');
  const peer = h.lastPeer();
  const channel = peer.attachChannel();
  channel.open();
  peer.become('connected');
  return { peer, channel };
}

const kinds = (h: Harness) => h.events.map(([kind]) => kind);

describe('the call session', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] }));
  afterEach(() => vi.useRealTimers());

  it('joins the given room on the socket it was given', () => {
    const h = startHarness({ room: 'people-call' });
    expect(h.connected?.room).toBe('people-call');
    expect(h.status()).toBe('joining:status.joining');
  });

  it('waits, prepares the offer, releases it when the other person joins, and shows connected', () => {
    const h = startHarness();
    joinAlone(h);
    expect(h.status()).toBe('waiting:status.waiting');
    vi.advanceTimersByTime(WARM_AFTER_MS);
    expect(h.peers).toHaveLength(1);
    expect(h.lastPeer().options).toMatchObject({ held: true, polite: false });
    h.server.otherjoin('them');
    expect(h.lastPeer().calls).toEqual(['release']);
    expect(h.events.some(([kind, value]) => kind === 'remoteStream' && value !== null)).toBe(true);
    expect(h.status()).toBe('connecting:status.connecting');
    h.lastPeer().become('connected');
    expect(h.status()).toBe('connected:status.connected');
  });

  it('answers as the polite side when an offer arrives before it prepared one', () => {
    const h = startHarness();
    joinAlone(h);
    const offer = { type: 'offer', sdp: 'v=0\r\n' };
    h.server.message(offer);
    expect(h.peers).toHaveLength(1);
    expect(h.lastPeer().polite).toBe(true);
    expect(h.lastPeer().handled).toEqual([offer]);
    vi.advanceTimersByTime(WARM_AFTER_MS * 4);
    expect(h.peers).toHaveLength(1); // no offer prepared once in a call
  });

  it('greets over the data channel with our name and media state, and sends state changes', () => {
    const h = startHarness();
    const { channel } = connectedCall(h);
    expect(channel.sent).toEqual([
      { kind: 'hello', name: 'Ann' },
      { kind: 'state', muted: false, cameraOff: false, screen: false },
    ]);
    expect(h.events).toContainEqual(['chatAvailable', true]);
    h.session.setLocalState({ muted: true, cameraOff: false, screen: true });
    expect(channel.sent.at(-1)).toEqual({ kind: 'state', muted: true, cameraOff: false, screen: true });
  });

  it("raises the other person's name, media state and chat, and ignores malformed messages", () => {
    const h = startHarness();
    const { channel } = connectedCall(h);
    channel.receive({ kind: 'hello', name: 'Bob' });
    channel.receive({ kind: 'state', muted: true, cameraOff: true, screen: false });
    channel.receive({ kind: 'chat', text: 'hi', time: 5 });
    channel.receive({ kind: 'chat', text: 7, time: 5 });
    channel.receive({ kind: 'state', muted: 'yes' });
    expect(h.session.remote).toEqual({ name: 'Bob', state: { muted: true, cameraOff: true, screen: false, audioOnly: false }, poor: false });
    expect(h.events.filter(([kind]) => kind === 'chat')).toEqual([['chat', { sender: 'Bob', text: 'hi', time: 5 }]]);
    expect(h.session.sendChat('hello')).toBe(true);
    expect(channel.sent.at(-1)).toMatchObject({ kind: 'chat', text: 'hello' });
  });

  it('tells the other person when our video is paused by a poor link (once per change, again on a new channel) and raises theirs', () => {
    const h = startHarness();
    h.session.setLinkPoor(true); // before the channel: kept for it
    const { channel } = connectedCall(h);
    expect(channel.sent).toContainEqual({ kind: 'link', poor: true });
    h.session.setLinkPoor(true);
    h.session.setLinkPoor(false);
    expect(channel.sent.filter((m) => (m as { kind: string }).kind === 'link')).toEqual([
      { kind: 'link', poor: true },
      { kind: 'link', poor: false },
    ]);
    channel.receive({ kind: 'link', poor: true });
    expect(h.session.remote.poor).toBe(true);
    channel.receive({ kind: 'state', muted: false, cameraOff: false, screen: false, audioOnly: true });
    expect(h.session.remote).toMatchObject({ poor: true, state: { audioOnly: true } });
  });

  it('measures the setup time once, at the first remote frame of a connection', () => {
    const h = startHarness();
    h.session.remoteFrame();
    expect(h.session.setupMs).toBeUndefined();
    connectedCall(h);
    h.session.remoteFrame();
    h.session.remoteFrame();
    expect(h.events.filter(([kind]) => kind === 'setup')).toHaveLength(1);
    expect(h.session.setupMs).toBeGreaterThan(0);
  });

  it('asks over the data channel after a bye, and stays in the call when the other page answers', () => {
    const h = startHarness();
    const { channel } = connectedCall(h);
    h.server.bye('them');
    expect(channel.sent.at(-1)).toEqual({ kind: 'ping' });
    channel.receive({ kind: 'pong' });
    vi.advanceTimersByTime(GONE_AFTER_MS * 2);
    expect(h.status()).toBe('connected:status.connected');
  });

  it('shows "left" after a bye when the other page stays silent, and waits for the next person', () => {
    const h = startHarness();
    const { peer } = connectedCall(h);
    h.server.bye('them');
    vi.advanceTimersByTime(GONE_AFTER_MS + PONG_WAIT_MS);
    expect(h.status()).toBe('left:status.left');
    expect(peer.calls).toContain('close');
    expect(h.events.slice(-4).map(([kind]) => kind)).toContain('remoteStream');
    expect(h.events).toContainEqual(['chatAvailable', false]);
    vi.advanceTimersByTime(WARM_AFTER_MS);
    expect(h.lastPeer()).not.toBe(peer); // a new offer is prepared for whoever comes next
  });

  it('shows "left" at once after a bye when the data channel is closed', () => {
    const h = startHarness();
    joinAlone(h);
    h.server.otherjoin('them');
    h.server.bye('them');
    expect(h.status()).toBe('left:status.left');
  });

  it('shows "full" and makes no connection when the room is full', () => {
    const h = startHarness();
    h.server.link('connected');
    h.server.full();
    vi.advanceTimersByTime(WARM_AFTER_MS * 4);
    expect(h.status()).toBe('full:status.full');
    expect(h.peers).toHaveLength(0);
  });

  it('hangs up: says bye over the data channel, leaves the room and shows "ended"', () => {
    const h = startHarness();
    const { peer, channel } = connectedCall(h);
    h.session.hangup();
    expect(channel.sent.at(-1)).toEqual({ kind: 'bye' });
    expect(h.left).toBe(true);
    expect(peer.calls).toContain('close');
    expect(h.status()).toBe('ended:status.ended');
    expect(h.events.at(-1)).toEqual(['status', { status: 'ended', key: 'status.ended', detail: '' }]);
    h.server.otherjoin('someone');
    expect(h.status()).toBe('ended:status.ended');
  });

  it("keeps a refusal from the server on the status line until the call's state changes", () => {
    const h = startHarness();
    joinAlone(h);
    h.server.refused('rate-limited', 'Too many messages');
    expect(h.session.line).toEqual({ status: 'error', key: 'status.error', detail: 'Too many messages' });
    h.server.joined('me'); // a rejoin tick: still waiting
    h.server.link('connected');
    expect(h.session.line.detail).toBe('Too many messages');
    h.server.otherjoin('them');
    expect(h.status()).toBe('connecting:status.connecting');
    h.server.bye('them');
    expect(h.status()).toBe('left:status.left');
  });

  it('does not show a refusal for a full room (the full status says it)', () => {
    const h = startHarness();
    joinAlone(h);
    h.server.refused('room-full', 'full');
    expect(h.status()).toBe('waiting:status.waiting');
  });

  it('keeps a notice from the controls through unrelated ticks, and drops it when the state changes', () => {
    const h = startHarness();
    const { peer } = connectedCall(h);
    h.session.notice('problem.switch');
    expect(h.status()).toBe('connected:problem.switch');
    peer.become('connected');
    h.server.otherjoin('them'); // the same person after a signaling drop: a tick, no change
    expect(h.status()).toBe('connected:problem.switch');
    h.server.link('lost');
    expect(h.status()).toBe('offline:status.offline');
    h.server.link('connected');
    expect(h.status()).toBe('connected:status.connected');
    expect(kinds(h)).toContain('status');
  });
});
