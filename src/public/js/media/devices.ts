/**
 * Camera and microphone: opening them with a clear account of what went wrong,
 * falling back to audio-only and then to receive-only, listing devices and
 * picking the next camera for "switch camera".
 */
export type MediaProblem = 'insecure' | 'no-webrtc' | 'denied' | 'no-camera' | 'no-devices' | 'busy' | 'busy-all' | 'other';

export interface MediaResult {
  /** May have no tracks at all (receive-only). */
  stream: MediaStream;
  problem?: MediaProblem;
  detail?: string;
}

export interface DeviceChoice {
  cameraId?: string;
  micId?: string;
}

/** Whether this browser can make calls at all (WebKitGTK, for one, has no RTCPeerConnection). */
export function hasWebrtc(): boolean {
  return typeof RTCPeerConnection === 'function';
}

export function webrtcProblem(): MediaProblem | undefined {
  if (!window.isSecureContext) return 'insecure';
  if (!hasWebrtc()) return 'no-webrtc';
  if (!navigator.mediaDevices?.getUserMedia) return 'insecure';
  return undefined;
}

function kindOf(error: unknown): 'denied' | 'missing' | 'busy' | 'other' {
  const name = error instanceof DOMException || error instanceof Error ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError' || name === 'PermissionDeniedError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'DevicesNotFoundError') return 'missing';
  if (name === 'NotReadableError' || name === 'AbortError' || name === 'TrackStartError') return 'busy';
  return 'other';
}

const VIDEO_CONSTRAINTS: MediaTrackConstraints = { width: { ideal: 1280 }, height: { ideal: 720 }, frameRate: { ideal: 30 } };

function videoConstraints(cameraId?: string): MediaTrackConstraints {
  return cameraId ? { ...VIDEO_CONSTRAINTS, deviceId: { exact: cameraId } } : VIDEO_CONSTRAINTS;
}

function audioConstraints(micId?: string): MediaTrackConstraints {
  const base: MediaTrackConstraints = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };
  return micId ? { ...base, deviceId: { exact: micId } } : base;
}

/** Camera + microphone, else microphone only, else nothing; never throws. */
export async function openMedia(choice: DeviceChoice = {}): Promise<MediaResult> {
  const blocked = webrtcProblem();
  if (blocked) return { stream: new MediaStream(), problem: blocked };
  const devices = navigator.mediaDevices;
  try {
    return { stream: await devices.getUserMedia({ audio: audioConstraints(choice.micId), video: videoConstraints(choice.cameraId) }) };
  } catch (error) {
    const kind = kindOf(error);
    const detail = error instanceof Error ? error.name : String(error);
    if (kind === 'denied') return { stream: new MediaStream(), problem: 'denied', detail };
    if (kind === 'other') return { stream: new MediaStream(), problem: 'other', detail };
    try {
      const audio = await devices.getUserMedia({ audio: audioConstraints(choice.micId) });
      return { stream: audio, problem: kind === 'busy' ? 'busy' : 'no-camera', detail };
    } catch {
      return { stream: new MediaStream(), problem: kind === 'busy' ? 'busy-all' : 'no-devices', detail };
    }
  }
}

export async function listDevices(): Promise<{ cameras: MediaDeviceInfo[]; mics: MediaDeviceInfo[] }> {
  const all = navigator.mediaDevices?.enumerateDevices ? await navigator.mediaDevices.enumerateDevices() : [];
  return {
    cameras: all.filter((d) => d.kind === 'videoinput' && d.deviceId),
    mics: all.filter((d) => d.kind === 'audioinput' && d.deviceId),
  };
}

/**
 * A track from the next camera: the next device in the list on computers,
 * the other facing mode (front/back) when only one device is listed (phones).
 * The caller stops the old track; when two cameras cannot be open at once
 * (many phones) the old one is stopped first.
 */
export async function nextCameraTrack(current: MediaStreamTrack | undefined): Promise<MediaStreamTrack> {
  const { cameras } = await listDevices();
  const settings = current?.getSettings() ?? {};
  let constraints: MediaTrackConstraints;
  if (cameras.length > 1) {
    const at = cameras.findIndex((c) => c.deviceId === settings.deviceId);
    const next = cameras[(at + 1) % cameras.length]!;
    constraints = videoConstraints(next.deviceId);
  } else {
    const facing = settings.facingMode === 'environment' ? 'user' : 'environment';
    constraints = { ...VIDEO_CONSTRAINTS, facingMode: { ideal: facing } };
  }
  try {
    return (await navigator.mediaDevices.getUserMedia({ video: constraints })).getVideoTracks()[0]!;
  } catch (error) {
    if (!current) throw error;
    current.stop(); // phones that cannot open two cameras at once: free the first, try again
    return (await navigator.mediaDevices.getUserMedia({ video: constraints })).getVideoTracks()[0]!;
  }
}

export async function screenTrack(): Promise<MediaStreamTrack> {
  const stream = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
  return stream.getVideoTracks()[0]!;
}
