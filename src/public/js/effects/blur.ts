/**
 * Background blur on the camera track, before it is sent: camera frames are scaled to the segmentation
 * model's size and masked (segmenter.ts, one frame at a time in a worker), and every frame is drawn sharp where
 * the newest mask shows the person, over a blurred copy of itself, at most MAX_WIDTH pixels wide.
 * Chromium reads and writes frames with MediaStreamTrackProcessor and MediaStreamTrackGenerator; other
 * browsers draw a playing <video> into a canvas and send canvas.captureStream(). When the device cannot keep
 * up (fewer than MIN_FPS frames drawn, or masks made, a second for SLOW_SECONDS seconds in a row while the
 * page is visible), the blur gives up and says so through `onSlow`; the caller goes back to the plain camera.
 */
import { createSegmenter, type Segmenter } from './segmenter.js';

/** Fewer frames a second than this, for SLOW_SECONDS seconds in a row, and the blur gives up. */
export const MIN_FPS = 5;
export const SLOW_SECONDS = 4;
/** Wider frames are scaled down to this before they are blurred and sent (the cost grows with the pixels). */
export const MAX_WIDTH = 960;
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

/** Draws blurred frames with the newest person mask; `masked` counts the masks made. */
function createCompositor(segmenter: Segmenter, masked: () => void) {
  const out = document.createElement('canvas');
  const ctx = out.getContext('2d')!;
  const input = document.createElement('canvas');
  const inputCtx = input.getContext('2d', { willReadFrequently: true })!;
  const mask = document.createElement('canvas');
  const maskCtx = mask.getContext('2d')!;
  const back = document.createElement('canvas');
  const backCtx = back.getContext('2d')!;
  let pending: Promise<void> | undefined; // the frame the model works on (one at a time)
  let hasMask = false;

  /** Hands `frame` to the model unless it is busy; the mask canvas gets the answer. */
  function segment(frame: CanvasImageSource, size: { width: number; height: number }): Promise<void> {
    if (pending) return pending;
    inputCtx.drawImage(frame, 0, 0, size.width, size.height);
    const asked = segmenter.mask(inputCtx.getImageData(0, 0, size.width, size.height)).then((person) => {
      maskCtx.putImageData(person, 0, 0);
      hasMask = true;
      masked();
    });
    // a failure before the first mask fails the blur (its caller waits for it); later ones only stop the masks,
    // which the rate watch notices
    pending = asked
      .catch((error: unknown) => {
        if (!hasMask) throw error;
      })
      .finally(() => (pending = undefined));
    return pending;
  }

  return {
    canvas: out,
    async draw(frame: CanvasImageSource, frameWidth: number, frameHeight: number): Promise<void> {
      const size = await segmenter.size;
      if (input.width !== size.width || input.height !== size.height)
        [input.width, input.height, mask.width, mask.height] = [size.width, size.height, size.width, size.height];
      const asked = segment(frame, size);
      if (!hasMask) await asked; // the first frame waits for its mask; later ones use the newest
      const scale = Math.min(1, MAX_WIDTH / frameWidth);
      const [width, height] = [Math.round(frameWidth * scale), Math.round(frameHeight * scale)];
      if (out.width !== width || out.height !== height) [out.width, out.height] = [width, height];
      const [bw, bh] = [Math.max(2, Math.round(width / BACKGROUND_SCALE)), Math.max(2, Math.round(height / BACKGROUND_SCALE))];
      if (back.width !== bw || back.height !== bh) [back.width, back.height] = [bw, bh];
      backCtx.imageSmoothingQuality = 'high';
      backCtx.drawImage(frame, 0, 0, bw, bh);
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

/** Counts frames and masks a second; calls `slow` once either stayed under MIN_FPS for SLOW_SECONDS visible seconds. */
function watchRate(source: MediaStreamTrack, slow: () => void): { frame(): void; mask(): void; stop(): void } {
  let frames = 0;
  let masks = 0;
  let slowSeconds = 0;
  const timer = setInterval(() => {
    const counted = Math.min(frames, masks);
    frames = masks = 0;
    // a hidden page draws no frames on purpose, and a muted camera sends none: neither is a slow device
    if (document.visibilityState !== 'visible' || source.muted || !source.enabled) return void (slowSeconds = 0);
    slowSeconds = counted < MIN_FPS ? slowSeconds + 1 : 0;
    if (slowSeconds >= SLOW_SECONDS) {
      clearInterval(timer);
      console.warn(`duet: background blur made ${counted} frames or masks in the last second, fewer than ${MIN_FPS} for ${SLOW_SECONDS} seconds`);
      slow();
    }
  }, 1000);
  return { frame: () => void frames++, mask: () => void masks++, stop: () => clearInterval(timer) };
}

/** Starts blurring `camera`'s background; `onSlow` is called if the device cannot keep up. */
export function startBlur(camera: MediaStreamTrack, onSlow: () => void): Blur {
  const segmenter = createSegmenter();
  const compositor = createCompositor(segmenter, () => rate?.mask());
  let stopped = false;
  let firstFrame: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (firstFrame = resolve));
  const failed = segmenter.size.then(() => new Promise<never>(() => undefined));
  let rate: ReturnType<typeof watchRate> | undefined; // counted from the first frame: loading the model is not slowness
  const counted = () => {
    rate ??= watchRate(camera, () => !stopped && onSlow());
    rate.frame();
    firstFrame();
  };
  const box = globalThis as unknown as BreakoutBox;
  let track: MediaStreamTrack;
  let stopSource: () => void;

  // a copy of the camera of its own: stopping this blur leaves the camera, and any other blur of it, running
  const source = camera.clone();
  if (box.MediaStreamTrackProcessor && box.MediaStreamTrackGenerator) {
    const reader = new box.MediaStreamTrackProcessor({ track: source }).readable.getReader();
    const generator = new box.MediaStreamTrackGenerator({ kind: 'video' });
    const writer = generator.writable.getWriter();
    track = generator;
    stopSource = () => (void reader.cancel().catch(() => undefined), source.stop());
    void (async () => {
      for (;;) {
        const { value: frame, done } = await reader.read();
        if (done || stopped) return frame?.close();
        try {
          generator.enabled = camera.enabled; // camera off: the generator sends black, as the camera would
          await compositor.draw(frame, frame.displayWidth, frame.displayHeight);
          const out = new VideoFrame(compositor.canvas, { timestamp: frame.timestamp });
          try {
            await writer.write(out); // once sent, the generator closes it
          } catch (error) {
            out.close();
            throw error;
          }
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
    video.srcObject = new MediaStream([source]);
    void video.play().catch(() => undefined);
    track = compositor.canvas.captureStream(camera.getSettings().frameRate ?? 30).getVideoTracks()[0]!;
    stopSource = () => ((video.srcObject = null), source.stop());
    const nextFrame = (): Promise<void> =>
      new Promise((resolve) => (video.requestVideoFrameCallback ? video.requestVideoFrameCallback(() => resolve()) : setTimeout(resolve, 1000 / 30)));
    void (async () => {
      while (!stopped) {
        await nextFrame();
        if (stopped || video.videoWidth === 0) continue;
        track.enabled = camera.enabled;
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
