/**
 * The page's pure TURN pieces, without a browser: refreshing the ICE servers
 * before the credentials expire, classifying the call's path, the plain-words
 * ICE problem and the check page's verdict.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { candidateKind } from '../../src/public/js/check/gather.js';
import { verdict } from '../../src/public/js/check/verdict.js';
import { liveIceConfig, offersTurn, parseIceConfig, refreshDelayMs, type IceConfig } from '../../src/public/js/session/ice-config.js';
import { classifyPath, isLocalAddress, readingOf, type Stat } from '../../src/public/js/session/icepath.js';
import { iceProblem, PATH_AFTER_MS, watchIce } from '../../src/public/js/view/icewatch.js';

describe('keeping the TURN credentials fresh', () => {
  afterEach(() => void vi.useRealTimers());

  it('fetches again at 80 % of the lifetime, at least two minutes before the end', () => {
    expect(refreshDelayMs(86_400)).toBe(69_120_000);
    expect(refreshDelayMs(600)).toBe(480_000);
    expect(refreshDelayMs(300)).toBe(180_000);
    expect(refreshDelayMs(60)).toBe(30_000);
  });

  it('hands every open peer connection the new credentials before the old ones expire', async () => {
    vi.useFakeTimers();
    let n = 0;
    const load = async (): Promise<IceConfig> => ({
      iceServers: [{ urls: 'turn:t.example.org', username: `u${++n}`, credential: 'c' }],
      turn: true,
      ttlS: 600,
    });
    const ice = liveIceConfig(load);
    await ice.ready;
    const applied: RTCConfiguration[] = [];
    const pc = {
      signalingState: 'stable',
      getConfiguration: () => ({ bundlePolicy: 'max-bundle' }),
      setConfiguration: (c: RTCConfiguration) => applied.push(c),
    };
    ice.watch(pc as unknown as RTCPeerConnection);
    expect(ice.servers()[0]!.username).toBe('u1');
    await vi.advanceTimersByTimeAsync(479_000);
    expect(applied).toEqual([]);
    await vi.advanceTimersByTimeAsync(2000); // 481 s: refreshed, 119 s before the first ones expire
    expect(ice.servers()[0]!.username).toBe('u2');
    expect(applied).toEqual([{ bundlePolicy: 'max-bundle', iceServers: [{ urls: 'turn:t.example.org', username: 'u2', credential: 'c' }] }]);
    await vi.advanceTimersByTimeAsync(480_000);
    expect(ice.servers()[0]!.username).toBe('u3');
    ice.stop();
    await vi.advanceTimersByTimeAsync(10 * 480_000);
    expect(n).toBe(3);
  });

  it('does not refresh without TURN credentials, and reads a malformed answer as no servers', async () => {
    vi.useFakeTimers();
    let n = 0;
    const ice = liveIceConfig(async () => (n++, parseIceConfig({ iceServers: 'nope', ttlS: -1 })));
    expect(await ice.ready).toEqual({ iceServers: [], turn: false, ttlS: undefined });
    await vi.advanceTimersByTimeAsync(7 * 86_400_000);
    expect(n).toBe(1);
    expect(ice.hasTurn()).toBe(false);
  });

  it('knows a static turn: entry of ICE_SERVERS is a relay too', () => {
    expect(offersTurn([{ urls: ['stun:s.example.org', 'turns:t.example.org:5349'] }])).toBe(true);
    expect(offersTurn([{ urls: 'stun:s.example.org' }])).toBe(false);
  });
});

describe('the path of the call', () => {
  afterEach(() => void vi.useRealTimers());
  it('is relayed when either candidate is a TURN relay', () => {
    expect(classifyPath({ candidateType: 'relay', address: '203.0.113.5' }, { candidateType: 'host', address: '10.0.0.2' })).toBe('relay');
    expect(classifyPath({ candidateType: 'host', address: '10.0.0.2' }, { candidateType: 'relay', address: '203.0.113.5' })).toBe('relay');
  });

  it('is direct through NAT with a STUN-reflexive candidate or a public address', () => {
    expect(classifyPath({ candidateType: 'srflx', address: '198.51.100.7' }, { candidateType: 'prflx', address: '' })).toBe('nat');
    expect(classifyPath({ candidateType: 'host', address: '192.168.1.4' }, { candidateType: 'prflx', address: '198.51.100.9' })).toBe('nat');
  });

  it('is direct on the LAN between private, mDNS or hidden addresses', () => {
    expect(classifyPath({ candidateType: 'host', address: '192.168.1.4' }, { candidateType: 'host', address: '192.168.1.9' })).toBe('lan');
    expect(classifyPath({ candidateType: 'host', address: '10.77.0.21' }, { candidateType: 'prflx', address: '' })).toBe('lan');
    expect(classifyPath({ candidateType: 'host', address: 'a1b2.local' }, { candidateType: 'host', address: 'fd00::5' })).toBe('lan');
    expect(classifyPath({ candidateType: 'host', address: '2001:db8::4' }, { candidateType: 'host', address: '2001:db8::9' })).toBe('lan');
  });

  it('is read again while the other end is a peer-reflexive candidate with a hidden address, which may be their relay', () => {
    const stats = (remote: Record<string, unknown>) =>
      new Map<string, Stat>(
        [
          { type: 'transport', id: 'T', selectedCandidatePairId: 'P' },
          { type: 'candidate-pair', id: 'P', localCandidateId: 'L', remoteCandidateId: 'R', nominated: true, state: 'succeeded' },
          { type: 'local-candidate', id: 'L', candidateType: 'host', address: '10.78.1.21' },
          { type: 'remote-candidate', id: 'R', ...remote },
        ].map((s) => [s.id, s]),
      );
    // the relayed checks came before the candidate: a guess, and not settled
    expect(readingOf(stats({ candidateType: 'prflx', address: '' }))).toEqual({ path: 'lan', settled: false });
    // the candidate arrived and the browser gave the remote end its type
    expect(readingOf(stats({ candidateType: 'relay', address: '10.78.1.10' }))).toEqual({ path: 'relay', settled: true });
    expect(readingOf(stats({ candidateType: 'host', address: '10.78.1.22' }))).toEqual({ path: 'lan', settled: true });
    expect(readingOf(stats({ candidateType: 'prflx', address: '198.51.100.9' }))).toEqual({ path: 'nat', settled: true });
    expect(readingOf(new Map())).toBeUndefined();
  });

  it('on the page, shows the first reading and reads again until the other end is settled', async () => {
    vi.useFakeTimers();
    // a connected RTCPeerConnection whose selected pair's remote end becomes the relay on the third reading
    const remotes = [
      { candidateType: 'prflx', address: '' },
      { candidateType: 'prflx', address: '' },
      { candidateType: 'relay', address: '10.78.1.10' },
    ];
    let readings = 0;
    const pc = Object.assign(new EventTarget(), {
      iceConnectionState: 'connected',
      signalingState: 'stable',
      getStats: () => {
        const remote = remotes[Math.min(readings++, remotes.length - 1)]!;
        const stats: Stat[] = [
          { type: 'transport', id: 'T', selectedCandidatePairId: 'P' },
          { type: 'candidate-pair', id: 'P', localCandidateId: 'L', remoteCandidateId: 'R' },
          { type: 'local-candidate', id: 'L', candidateType: 'host', address: '10.78.1.21' },
          { type: 'remote-candidate', id: 'R', ...remote },
        ];
        return Promise.resolve({ forEach: (f: (s: Stat) => void) => stats.forEach(f) });
      },
    });
    const element = () => ({ hidden: true, dataset: {} as Record<string, string>, textContent: '' });
    const view = { path: element(), problem: element() };
    watchIce(pc as unknown as RTCPeerConnection, () => true, view as unknown as Parameters<typeof watchIce>[2]);
    pc.dispatchEvent(new Event('iceconnectionstatechange'));
    await vi.advanceTimersByTimeAsync(PATH_AFTER_MS);
    expect(view.path.dataset.path).toBe('lan'); // shown at once, a guess
    await vi.advanceTimersByTimeAsync(1000);
    expect(view.path.dataset.path).toBe('relay');
    await vi.advanceTimersByTimeAsync(5000);
    expect(readings).toBe(3); // settled: no more readings
  });

  it('tells private from public addresses', () => {
    for (const a of ['10.1.2.3', '172.16.0.1', '172.31.255.1', '192.168.0.1', '100.64.0.1', '169.254.1.1', '127.0.0.1', 'fe80::1', 'fc00::1'])
      expect(isLocalAddress(a), a).toBe(true);
    for (const a of ['172.32.0.1', '100.128.0.1', '8.8.8.8', '2001:db8::1']) expect(isLocalAddress(a), a).toBe(false);
  });
});

describe('what the page says when ICE does not connect', () => {
  const base = { turn: false, failed: false, refused: false, connected: false, wasConnected: false };
  it('asks for TURN when a first connection fails without a relay', () => {
    expect(iceProblem({ ...base, failed: true })).toBe('needs-turn');
  });
  it('says the relay refused the credentials, and that the relay did not help', () => {
    expect(iceProblem({ ...base, turn: true, refused: true })).toBe('turn-refused');
    expect(iceProblem({ ...base, turn: true, failed: true })).toBe('relay-failed');
  });
  it('says nothing while connected, or when a call that worked loses its network', () => {
    expect(iceProblem({ ...base, failed: true, connected: true })).toBeUndefined();
    expect(iceProblem({ ...base, failed: true, wasConnected: true })).toBeUndefined();
    expect(iceProblem(base)).toBeUndefined();
  });
});

describe('the check page verdict', () => {
  it('is direct, relay or fail from the in-page calls', () => {
    expect(verdict({ anyPath: 'lan', relayWorks: true })).toBe('direct');
    expect(verdict({ anyPath: 'nat', relayWorks: false })).toBe('direct');
    expect(verdict({ anyPath: 'relay', relayWorks: false })).toBe('relay');
    expect(verdict({ anyPath: undefined, relayWorks: true })).toBe('relay');
    expect(verdict({ anyPath: undefined, relayWorks: false })).toBe('fail');
  });
  it('reads the candidate type of a candidate line', () => {
    expect(candidateKind('candidate:1 1 udp 2122260223 10.0.0.2 50000 typ host generation 0')).toBe('host');
    expect(candidateKind('candidate:2 1 udp 1686052607 198.51.100.7 50000 typ srflx raddr 10.0.0.2 rport 50000')).toBe('srflx');
    expect(candidateKind('candidate:3 1 udp 41885439 203.0.113.5 49160 typ relay raddr 198.51.100.7 rport 50000')).toBe('relay');
    expect(candidateKind('garbage')).toBeUndefined();
  });
});
