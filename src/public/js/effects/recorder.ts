/**
 * Recording the call on this device: the other person's video with our own picture in a corner, drawn on a
 * canvas, and both voices mixed with Web Audio, recorded by MediaRecorder as WebM (VP9 or VP8 with Opus) and
 * saved as a download named with the date. Nothing leaves the device.
 */

export interface RecordingSources {
  /** Where the other person's video plays (its stream also carries their voice). */
  remote: HTMLVideoElement;
  /** Our own picture as sent (blurred when blur is on). */
  local: HTMLVideoElement;
  /** Our voice as sent (denoised when noise suppression is on), if we have a microphone. */
  mic: MediaStreamTrack | undefined;
}

export interface Recording {
  /** Stops recording and resolves with the WebM file. */
  stop(): Promise<Blob>;
}

const WIDTH = 1280;
const HEIGHT = 720;
const FPS = 30;

/** The first WebM type this browser records, VP9 before VP8 (both with Opus). */
export function recordingType(supported: (type: string) => boolean = (type) => MediaRecorder.isTypeSupported(type)): string {
  return ['video/webm;codecs=vp9,opus', 'video/webm;codecs=vp8,opus', 'video/webm'].find(supported) ?? '';
}

/** `duet-2026-12-05-0614.webm`: the local date and time the recording started. */
export function recordingName(at: Date): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `duet-${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}-${two(at.getHours())}${two(at.getMinutes())}.webm`;
}

/** Draws `video` into the box, keeping its shape (bars where it does not fill it); nothing while it has no picture. */
function drawFitted(ctx: CanvasRenderingContext2D, video: HTMLVideoElement, x: number, y: number, w: number, h: number): void {
  if (!video.videoWidth || !video.videoHeight || !video.srcObject) return;
  const scale = Math.min(w / video.videoWidth, h / video.videoHeight);
  const [dw, dh] = [video.videoWidth * scale, video.videoHeight * scale];
  ctx.drawImage(video, x + (w - dw) / 2, y + (h - dh) / 2, dw, dh);
}

export function startRecording(sources: RecordingSources): Recording {
  const canvas = document.createElement('canvas');
  [canvas.width, canvas.height] = [WIDTH, HEIGHT];
  const ctx = canvas.getContext('2d')!;
  const pip = { w: WIDTH / 4, h: HEIGHT / 4, margin: 16 };
  const draw = () => {
    ctx.fillStyle = '#0b0d10';
    ctx.fillRect(0, 0, WIDTH, HEIGHT);
    drawFitted(ctx, sources.remote, 0, 0, WIDTH, HEIGHT);
    drawFitted(ctx, sources.local, WIDTH - pip.w - pip.margin, HEIGHT - pip.h - pip.margin, pip.w, pip.h);
  };
  draw();
  const timer = setInterval(draw, 1000 / FPS); // a timer, not animation frames: those stop in a background tab

  const audio = new AudioContext();
  const mix = audio.createMediaStreamDestination();
  const remoteStream = sources.remote.srcObject instanceof MediaStream ? sources.remote.srcObject : undefined;
  const voices = [...(remoteStream?.getAudioTracks() ?? []), ...(sources.mic ? [sources.mic] : [])];
  const inputs = voices.map((track) => audio.createMediaStreamSource(new MediaStream([track])));
  for (const input of inputs) input.connect(mix);
  void audio.resume().catch(() => undefined);

  const stream = new MediaStream([...canvas.captureStream(FPS).getVideoTracks(), ...mix.stream.getAudioTracks()]);
  const type = recordingType();
  const recorder = new MediaRecorder(stream, type ? { mimeType: type } : {});
  const chunks: Blob[] = [];
  recorder.ondataavailable = ({ data }) => data.size > 0 && chunks.push(data);
  const stopped = new Promise<Blob>((resolve) => (recorder.onstop = () => resolve(new Blob(chunks, { type: recorder.mimeType || 'video/webm' }))));
  recorder.start(1000); // a chunk a second: a long call is not held in one growing buffer

  return {
    async stop() {
      if (recorder.state !== 'inactive') recorder.stop();
      const file = await stopped;
      clearInterval(timer);
      for (const track of stream.getTracks()) track.stop();
      for (const input of inputs) input.disconnect();
      void audio.close().catch(() => undefined);
      return file;
    },
  };
}

/** Offers `file` as a download named `name` (it stays on this device). */
export function saveFile(file: Blob, name: string): void {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
