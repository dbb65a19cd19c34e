/**
 * Init scripts that put a page in a condition a user may meet: an insecure
 * page, a busy camera or microphone, a browser without WebRTC. They run before
 * the page's own code (context or page `addInitScript`).
 */

/** As if opened over plain http://: no secure context, no navigator.mediaDevices. */
export const INSECURE_CONTEXT = `{
  Object.defineProperty(window, 'isSecureContext', { get: () => false, configurable: true });
  delete Navigator.prototype.mediaDevices;
}`;

/** No RTCPeerConnection at all. */
export const NO_WEBRTC = `{
  delete window.RTCPeerConnection;
  delete window.webkitRTCPeerConnection;
}`;

/**
 * getUserMedia rejects with NotReadableError (another application holds the
 * device) for video requests, or for every request, while `window.__busy` is true.
 */
export function busyDevices(scope: 'video' | 'all'): string {
  return `{
    window.__busy = true;
    const real = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = (c) =>
      window.__busy && ${scope === 'all' ? 'true' : 'Boolean(c && c.video)'}
        ? Promise.reject(new DOMException('Could not start video source', 'NotReadableError'))
        : real(c);
  }`;
}

/** Every RTCPeerConnection the page makes may use only TURN relay candidates (a network where nothing else gets through). */
export const RELAY_ONLY = `{
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(config = {}, ...rest) { super({ ...config, iceTransportPolicy: 'relay' }, ...rest); }
    setConfiguration(config = {}) { return super.setConfiguration({ ...config, iceTransportPolicy: 'relay' }); }
  };
}`;
