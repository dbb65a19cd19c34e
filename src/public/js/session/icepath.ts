/**
 * Which way the call's media goes, from the selected candidate pair in
 * getStats(): directly on the local network, directly through NAT (STUN), or
 * relayed through TURN. Pure apart from `selectedPath`, which reads the stats.
 */

export type IcePath = 'lan' | 'nat' | 'relay';

export interface CandidateInfo {
  candidateType?: string;
  address?: string;
  protocol?: string;
  relayProtocol?: string;
}

/** RFC 1918, carrier-grade NAT, link-local, loopback, IPv6 ULA/link-local, mDNS names; '' (hidden) counts as local. */
export function isLocalAddress(address: string | undefined): boolean {
  if (!address) return true;
  const a = address.toLowerCase();
  if (a.endsWith('.local')) return true;
  if (/^(10\.|127\.|192\.168\.|169\.254\.)/.test(a)) return true;
  if (/^172\.(1[6-9]|2\d|3[01])\./.test(a)) return true;
  if (/^100\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\./.test(a)) return true;
  return a === '::1' || /^f[cd][0-9a-f]{2}:/.test(a) || a.startsWith('fe80:');
}

export function classifyPath(local: CandidateInfo, remote: CandidateInfo): IcePath {
  if (local.candidateType === 'relay' || remote.candidateType === 'relay') return 'relay';
  if (local.candidateType === 'srflx' || remote.candidateType === 'srflx') return 'nat';
  // a private interface address seen from the other side as a public one: a NAT in between
  const pair = [local, remote];
  const seenPublic = pair.some((c) => c.candidateType === 'prflx' && c.address && !isLocalAddress(c.address));
  if (seenPublic && pair.some((c) => c.candidateType === 'host' && isLocalAddress(c.address))) return 'nat';
  // otherwise two interface addresses that reach each other as they are (global IPv6 on one LAN included)
  return 'lan';
}

export type Stat = Record<string, unknown> & { type: string; id: string };

/** The selected candidate pair of a stats report (by id) and its two candidates. */
export function findSelectedPair(all: Map<string, Stat>): { pair: Stat; local: Stat; remote: Stat } | undefined {
  const list = [...all.values()];
  const transport = list.find((s) => s.type === 'transport' && typeof s.selectedCandidatePairId === 'string');
  const pair =
    (transport && all.get(transport.selectedCandidatePairId as string)) ??
    list.find((s) => s.type === 'candidate-pair' && s.nominated === true && s.state === 'succeeded');
  const local = pair && all.get(pair.localCandidateId as string);
  const remote = pair && all.get(pair.remoteCandidateId as string);
  return pair && local && remote ? { pair, local, remote } : undefined;
}

export function candidateInfo(s: Stat): CandidateInfo {
  const text = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return { candidateType: text(s.candidateType), address: text(s.address) ?? text(s.ip), protocol: text(s.protocol), relayProtocol: text(s.relayProtocol) };
}

/** The kind of path of the selected pair in `all`, if ICE has chosen one. */
export function pathOf(all: Map<string, Stat>): IcePath | undefined {
  return readingOf(all)?.path;
}

/**
 * Whether the remote end of a pair may still turn out to be something else: a peer-reflexive
 * candidate whose address the browser hides (Chromium does) is how checks that arrive before the
 * other side's candidate itself are seen. That candidate may be the other side's TURN relay; once
 * its description arrives, the browser gives the pair's remote end its real type.
 */
export function unsettled(remote: CandidateInfo): boolean {
  return remote.candidateType === 'prflx' && !remote.address;
}

export interface PathReading {
  path: IcePath;
  /** False while the remote end is unsettled: the path may be read again for a better answer. */
  settled: boolean;
}

/** The path of the selected pair in `all` and whether it is settled, if ICE has chosen a pair. */
export function readingOf(all: Map<string, Stat>): PathReading | undefined {
  const found = findSelectedPair(all);
  if (!found) return undefined;
  const remote = candidateInfo(found.remote);
  return { path: classifyPath(candidateInfo(found.local), remote), settled: !unsettled(remote) };
}

export function statsById(report: RTCStatsReport): Map<string, Stat> {
  const all = new Map<string, Stat>();
  report.forEach((s: Stat) => all.set(s.id, s));
  return all;
}

export async function selectedPath(pc: RTCPeerConnection): Promise<PathReading | undefined> {
  return readingOf(statsById(await pc.getStats()));
}
