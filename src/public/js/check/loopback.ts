/**
 * The learn.webrtc.com loopback demo grown up: two peer connections in one
 * page, candidates handed across directly, the local media (or just a data
 * channel) sent from one to the other, under the configured ICE servers and a
 * transport policy. Reports whether it connected, over which path, and stats.
 */
import { sleep } from '../view/dom.js';
import { pathOf, statsById, type IcePath } from '../session/icepath.js';
import { snapshot, type StatsSnapshot } from '../session/stats.js';

export interface LoopbackResult {
  connected: boolean;
  path?: IcePath;
  stats?: StatsSnapshot;
  /** The receiving side's video, for a preview of what the other person would see. */
  received?: MediaStream;
}

export interface Loopback {
  result: Promise<LoopbackResult>;
  close(): void;
}

export function loopbackCall(iceServers: RTCIceServer[], policy: RTCIceTransportPolicy, local: MediaStream, timeoutMs: number): Loopback {
  const a = new RTCPeerConnection({ iceServers, iceTransportPolicy: policy });
  const b = new RTCPeerConnection({ iceServers, iceTransportPolicy: policy });
  const received = new MediaStream();
  // candidates each side gathered: once both have finished, a side with none can never connect
  const gathered = new Map<RTCPeerConnection, number>([
    [a, 0],
    [b, 0],
  ]);
  const hand = (from: RTCPeerConnection, to: RTCPeerConnection) => (event: RTCPeerConnectionIceEvent) => {
    if (event.candidate) {
      gathered.set(from, gathered.get(from)! + 1);
      to.addIceCandidate(event.candidate).catch(() => undefined);
    } else nothingToTry();
  };
  let nothingToTry = () => {};
  a.onicecandidate = hand(a, b);
  b.onicecandidate = hand(b, a);
  b.ontrack = ({ track }) => received.addTrack(track);
  a.createDataChannel('check');
  for (const track of local.getTracks()) a.addTrack(track, local);

  const connected = new Promise<boolean>((done) => {
    const timer = setTimeout(() => done(false), timeoutMs);
    const check = () => {
      if (a.connectionState === 'connected' && b.connectionState === 'connected') done(true);
      if (a.connectionState === 'failed' || b.connectionState === 'failed') done(false);
      if (a.connectionState === 'connected' || a.connectionState === 'failed') clearTimeout(timer);
    };
    a.onconnectionstatechange = check;
    b.onconnectionstatechange = check;
    // no candidate on one side (a relay-only policy without TURN, or TURN refusing us): say so at
    // once instead of after the whole timeout
    nothingToTry = () => {
      const finished = a.iceGatheringState === 'complete' && b.iceGatheringState === 'complete';
      if (!finished || (gathered.get(a)! > 0 && gathered.get(b)! > 0)) return;
      clearTimeout(timer);
      done(false);
    };
  });

  async function run(): Promise<LoopbackResult> {
    await a.setLocalDescription();
    await b.setRemoteDescription(a.localDescription!);
    await b.setLocalDescription();
    await a.setRemoteDescription(b.localDescription!);
    if (!(await connected)) return { connected: false };
    await sleep(1000); // a second of media for the stats
    const path = pathOf(statsById(await a.getStats()));
    return { connected: true, path, stats: snapshot(await b.getStats()), received };
  }

  return {
    result: run().catch(() => ({ connected: false })),
    close() {
      a.close();
      b.close();
    },
  };
}
