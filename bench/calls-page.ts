/**
 * Code that runs inside the browser for the call-setup benchmark.
 */

/** Init script: records when video#remote first shows a decoded frame, in window.__firstRemoteFrame (epoch ms). */
export const FIRST_FRAME_WATCH = `(() => {
  const at = () => performance.timeOrigin + performance.now();
  const mark = () => { window.__firstRemoteFrame ??= at(); };
  // a timeline of the first occurrence of each step, for the breakdown
  const steps = (window.__benchSteps = {});
  const step = (name) => { steps[name] ??= at(); };
  // main-thread tasks over 50 ms, as [start, duration] in epoch ms: what keeps the page from reacting
  const longTasks = (window.__benchLongTasks = []);
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longTasks.push([performance.timeOrigin + e.startTime, e.duration]);
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  // Socket.IO frames: 40 = namespace connected, 42[...] = an event (also when sent)
  const NativeWS = window.WebSocket;
  window.WebSocket = class extends NativeWS {
    constructor(...args) {
      super(...args);
      step('websocket created');
      this.addEventListener('open', () => step('websocket open'));
      this.addEventListener('message', (e) => {
        if (typeof e.data !== 'string') return;
        if (e.data.startsWith('40')) step('socket ready');
        else if (e.data.startsWith('42["joined"')) step('joined');
        else if (e.data.startsWith('42["otherjoin"')) step('otherjoin');
        else if (e.data.includes('"type":"offer"')) step('offer received');
        else if (e.data.includes('"type":"answer"')) step('answer received');
        else if (e.data.includes('"type":"candidate"')) step('first candidate received');
      });
    }
    send(data) {
      if (typeof data === 'string') {
        if (data.startsWith('42["join"')) step('join sent');
        else if (data.includes('"type":"offer"')) step('offer sent');
        else if (data.includes('"type":"answer"')) step('answer sent');
        else if (data.includes('"type":"candidate"')) step('first candidate sent');
      }
      return super.send(data);
    }
  };
  const NativePC = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends NativePC {
    constructor(...args) {
      super(...args);
      step('peer connection created');
      const hooked = new Set();
      // the DTLS transport exists once a description is applied; one per bundle group
      const dtls = () => {
        for (const t of [...this.getSenders(), ...this.getReceivers()]) {
          const transport = t.transport;
          if (!transport || hooked.has(transport)) continue;
          hooked.add(transport);
          transport.addEventListener('statechange', () => step('dtls ' + transport.state));
        }
      };
      this.addEventListener('signalingstatechange', dtls);
      this.addEventListener('iceconnectionstatechange', () => (dtls(), step('ice ' + this.iceConnectionState)));
      this.addEventListener('connectionstatechange', () => step('connection ' + this.connectionState));
      this.addEventListener('icegatheringstatechange', () => step('ice gathering ' + this.iceGatheringState));
      this.addEventListener('track', (e) => step('remote ' + e.track.kind + ' track'));
    }
  };
  const watch = () => {
    const v = document.querySelector('video#remote');
    if (!v || v.__benchWatched) return;
    v.__benchWatched = true;
    if (v.requestVideoFrameCallback) v.requestVideoFrameCallback(mark);
    v.addEventListener('loadeddata', mark);
  };
  const poll = () => {
    watch();
    const v = document.querySelector('video#remote');
    if (v && v.readyState >= 2 && v.videoWidth > 0) mark();
    if (window.__firstRemoteFrame === undefined) setTimeout(poll, 5);
  };
  poll();
})();`;

/** Init script: records when the page's camera first opens (getUserMedia resolves), in window.__cameraOpen (epoch ms). */
export const CAMERA_WATCH = `(() => {
  const devices = navigator.mediaDevices;
  if (!devices || !devices.getUserMedia) return;
  const get = devices.getUserMedia.bind(devices);
  devices.getUserMedia = async (...args) => {
    const stream = await get(...args);
    window.__cameraOpen ??= performance.timeOrigin + performance.now();
    return stream;
  };
})();`;

/**
 * The floor: two RTCPeerConnections in one page, signaling each other in memory.
 * Media is obtained first; returns ms from creating the connections to the first
 * decoded remote frame on both sides.
 */
export async function floorCall(): Promise<number> {
  const media = () => navigator.mediaDevices.getUserMedia({ video: true, audio: true });
  const [streamA, streamB] = await Promise.all([media(), media()]);
  const t0 = performance.now();
  const pcA = new RTCPeerConnection();
  const pcB = new RTCPeerConnection();
  pcA.onicecandidate = (e) => void (e.candidate && pcB.addIceCandidate(e.candidate));
  pcB.onicecandidate = (e) => void (e.candidate && pcA.addIceCandidate(e.candidate));
  const firstFrame = (pc: RTCPeerConnection) =>
    new Promise<number>((resolve) => {
      pc.ontrack = (e) => {
        if (e.track.kind !== 'video') return;
        const video = document.createElement('video');
        video.muted = true;
        video.playsInline = true;
        video.srcObject = e.streams[0] ?? new MediaStream([e.track]);
        document.body.append(video);
        const done = () => resolve(performance.now());
        video.requestVideoFrameCallback(done);
        video.addEventListener('loadeddata', done);
        void video.play().catch(() => {});
      };
    });
  const frames = Promise.all([firstFrame(pcA), firstFrame(pcB)]);
  for (const track of streamA.getTracks()) pcA.addTrack(track, streamA);
  for (const track of streamB.getTracks()) pcB.addTrack(track, streamB);
  await pcA.setLocalDescription(await pcA.createOffer());
  await pcB.setRemoteDescription(pcA.localDescription!);
  await pcB.setLocalDescription(await pcB.createAnswer());
  await pcA.setRemoteDescription(pcB.localDescription!);
  const [a, b] = await frames;
  pcA.close();
  pcB.close();
  for (const track of [...streamA.getTracks(), ...streamB.getTracks()]) track.stop();
  document.querySelectorAll('video').forEach((v) => v.remove());
  return Math.max(a, b) - t0;
}
