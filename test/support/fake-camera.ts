/**
 * The camera of the tests' Chromium: a small Y4M clip that Chromium plays as its only camera
 * (`--use-file-for-fake-video-capture`), instead of its built-in fake device, which draws every frame
 * at the size the page asks for (duet asks for 1280x720). A 2-page call with the clip costs Chromium
 * about a third less CPU on this machine (0.41 against 0.59-0.70 cores, measured in one session), and
 * the suite opens hundreds of such pages on two cores.
 *
 * The picture has what the tests look at: sharp edges (stripes on the left, for the blur test's
 * edge measure) and motion (a bright square crossing the frame, so every frame differs and the
 * encoder sends real frames). Tests that need a 720p camera (the start-size test) start a Chromium
 * of their own with the built-in device (`LaunchOptions.camera: 'built-in'`).
 */
import { writeFileSync } from 'node:fs';

export interface CameraClip {
  width: number;
  height: number;
  fps: number;
  /** Frames in the clip; Chromium plays it in a loop. */
  frames: number;
}

export const TEST_CAMERA: CameraClip = { width: 320, height: 240, fps: 10, frames: 20 };

/** The clip as a Y4M file (4:2:0, progressive). */
export function cameraClip(clip: CameraClip = TEST_CAMERA): Buffer {
  const { width: w, height: h, fps, frames } = clip;
  const parts = [Buffer.from(`YUV4MPEG2 W${w} H${h} F${fps}:1 Ip A1:1 C420jpeg\n`)];
  const side = Math.floor(h / 3);
  for (let frame = 0; frame < frames; frame++) {
    const luma = Buffer.alloc(w * h, 100);
    for (let row = 0; row < h; row++) for (let col = 0; col < w / 3; col++) luma[row * w + col] = Math.floor(col / 8) % 2 ? 30 : 220;
    const left = Math.floor(((w - side) * frame) / frames);
    for (let row = side; row < 2 * side; row++) luma.fill(235, row * w + left, row * w + left + side);
    const chroma = (w / 2) * (h / 2);
    parts.push(Buffer.from('FRAME\n'), luma, Buffer.alloc(chroma, 128), Buffer.alloc(chroma, 160));
  }
  return Buffer.concat(parts);
}

/** Writes the clip to `path` (a .y4m name: Chromium shows the path as the camera's label). */
export function writeCameraClip(path: string, clip: CameraClip = TEST_CAMERA): string {
  writeFileSync(path, cameraClip(clip));
  return path;
}
