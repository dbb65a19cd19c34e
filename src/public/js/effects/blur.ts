/**
 * Background blur on the camera track, before it is sent: each camera frame is scaled to the segmentation
 * model's size and masked (segmenter.ts), then drawn sharp where the person is over a blurred copy of itself.
 * Chromium reads and writes frames with MediaStreamTrackProcessor and MediaStreamTrackGenerator; other
 * browsers draw a playing <video> into a canvas and send canvas.captureStream(). When the device cannot keep
 * up (fewer than MIN_FPS frames a second for SLOW_SECONDS seconds in a row while the page is visible), the
 * blur gives up and says so through `onSlow`; the caller goes back to the plain camera.
 */
import { createSegmenter, type Segmenter } from './segmenter.js';

/** Fewer frames a second than this, for SLOW_SECONDS seconds in a row, and the blur gives up. */
export const MIN_FPS = 5;
export const SLOW_SECONDS = 4;
/** The background is drawn this many times smaller, then scaled back up: that is the blur. */
const BACKGROUND_SCALE = 12;

export interface Blur {
  /** The blurred track to send and to show as our own picture. */
  readonly track: MediaStreamTrack;
  /** Resolves once the first blurred frame is out (rejects if the model cannot be loaded). */
  readonly ready: Promise<void>;
  stop(): void;
}

/** Chromium's breakout box (not in TypeScript's DOM library yet). */
interface TrackProcessor {
  readable: ReadableStream<VideoFrame>;
}
interface TrackGenerator extends MediaStreamTrack {
  writable: WritableStream<VideoFrame>;
}
interface BreakoutBox {
  MediaStreamTrackProcessor?: new (init: { track: MediaStreamTrack }) => TrackProcessor;
  MediaStreamTrackGenerator?: new (init: { kind: 'video' }) => TrackGenerator;
}

/** Draws blurred frames; `draw` waits for the person mask of each frame. */
function createCompositor(segmenter: Segmenter) {
  const out = document.createElement('canvas');
  const ctx = out.getContext('2d')!;
  const input = document.createElement('canvas');
  const inputCtx = input.getContext('2d', { willReadFrequently: true })!;
  const mask = document.createElement('canvas');
  const maskCtx = mask.getContext('2d')!;
  const back = document.createElement('canvas');
  const backCtx = back.getContext('2d')!;

  return {
    canvas: out,
    async draw(frame: CanvasImageSource, width: number, height: number): Promise<void> {
      const size = await segmenter.size;
      if (input.width !== size.width || input.height !== size.height)
        [input.width, input.height, mask.width, mask.height] = [size.width, size.height, size.width, size.height];
      inputCtx.drawImage(frame, 0, 0, size.width, size.height);
      const person = await segmenter.mask(inputCtx.getImageData(0, 0, size.width, size.height));
      if (out.width !== width || out.height !== height) [out.width, out.height] = [width, height];
      const [bw, bh] = [Math.max(2, Math.round(width / BACKGROUND_SCALE)), Math.max(2, Math.round(height / BACKGROUND_SCALE))];
      if (back.width !== bw || back.height !== bh) [back.width, back.height] = [bw, bh];
      backCtx.imageSmoothingQuality = 'high';
      backCtx.drawImage(frame, 0, 0, bw, bh);
      maskCtx.putImageData(person, 0, 0);
      // the mask, scaled up smoothly; the sharp frame where the mask is; the blurred background behind it
      ctx.globalCompositeOperation = 'copy';
      ctx.drawImage(mask, 0, 0, width, height);
      ctx.globalCompositeOperation = 'source-in';
      ctx.drawImage(frame, 0, 0, width, height);
      ctx.globalCompositeOperation = 'destination-over';
      ctx.imageSmoothingQuality = 'high';
      ctx.drawImage(back, 0, 0, width, height);
      ctx.globalCompositeOperation = 'source-over';
    },
  };
}

/** Counts frames a second; calls `slow` once the rate stayed under MIN_FPS for SLOW_SECONDS visible seconds. */
function watchRate(source: MediaStreamTrack, slow: () => void): { frame(): void; stop(): void } {
  let frames = 0;
  let slowSeconds = 0;
  const timer = setInterval(() => {
    const counted = frames;
    frames = 0;
    // a hidden page draws no frames on purpose, and a muted camera sends none: neither is a slow device
    if (document.visibilityState !== 'visible' || source.muted || !source.enabled) return void (slowSeconds = 0);
    slowSeconds = counted < MIN_FPS ? slowSeconds + 1 : 0;
    if (slowSeconds >= SLOW_SECONDS) {
      clearInterval(timer);
      slow();
    }
  }, 1000);
  return { frame: () => void frames++, stop: () => clearInterval(timer) };
}

/** Starts blurring `camera`'s background; `onSlow` is called if the device cannot keep up. */
export function startBlur(camera: MediaStreamTrack, onSlow: () => void): Blur {
  const segmenter = createSegmenter();
  const compositor = createCompositor(segmenter);
  let stopped = false;
  let firstFrame: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (firstFrame = resolve));
  const failed = segmenter.size.then(() => new Promise<never>(() => undefined));
  let rate: { frame(): void; stop(): void } | undefined; // counted from the first frame: loading the model is not slowness
  const counted = () => {
    rate ??= watchRate(camera, () => !stopped && onSlow());
    rate.frame();
    firstFrame();
  };
  const box = globalThis as unknown as BreakoutBox;
  let track: MediaStreamTrack;
  let stopSource: () => void;

  if (box.MediaStreamTrackProcessor && box.MediaStreamTrackGenerator) {
    const reader = new box.MediaStreamTrackProcessor({ track: camera }).readable.getReader();
    const generator = new box.MediaStreamTrackGenerator({ kind: 'video' });
    const writer = generator.writable.getWriter();
    track = generator;
    stopSource = () => void reader.cancel().catch(() => undefined);
    void (async () => {
      for (;;) {
        const { value: frame, done } = await reader.read();
        if (done || stopped) return frame?.close();
        try {
          await compositor.draw(frame, frame.displayWidth, frame.displayHeight);
          const out = new VideoFrame(compositor.canvas, { timestamp: frame.timestamp });
          await writer.write(out); // the generator closes the frame once it is sent
          counted();
        } finally {
          frame.close();
        }
      }
    })().catch((error: unknown) => !stopped && console.warn('duet: the blur stopped', error));
  } else {
    const video = document.createElement('video');
    video.muted = true;
    video.playsInline = true;
    video.srcObject = new MediaStream([camera]);
    void video.play().catch(() => undefined);
    track = compositor.canvas.captureStream(camera.getSettings().frameRate ?? 30).getVideoTracks()[0]!;
    stopSource = () => (video.srcObject = null);
    const nextFrame = (): Promise<void> =>
      new Promise((resolve) => (video.requestVideoFrameCallback ? video.requestVideoFrameCallback(() => resolve()) : setTimeout(resolve, 1000 / 30)));
    void (async () => {
      while (!stopped) {
        await nextFrame();
        if (stopped || video.videoWidth === 0) continue;
        await compositor.draw(video, video.videoWidth, video.videoHeight);
        counted();
      }
    })().catch((error: unknown) => !stopped && console.warn('duet: the blur stopped', error));
  }

  return {
    track,
    ready: Promise.race([ready, failed]),
    stop() {
      if (stopped) return;
      stopped = true;
      rate?.stop();
      stopSource();
      segmenter.close();
      track.stop();
    },
  };
}
