/**
 * Our media state during a call (src/public/js/media/local.ts): one owner of
 * mute, camera and screen, raising `change` and `notice`, with plain objects
 * standing in for the stream and tracks.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLocalMedia } from '../../src/public/js/media/local.js';
import type { MediaState } from '../../src/public/js/session/session-types.js';

function fakeStream(kinds: Array<'audio' | 'video'>) {
  const tracks = kinds.map((kind) => ({
    kind,
    enabled: true,
    stopped: false,
    stop() {
      this.stopped = true;
    },
  }));
  const stream = {
    getTracks: () => tracks,
    getAudioTracks: () => tracks.filter((t) => t.kind === 'audio'),
    getVideoTracks: () => tracks.filter((t) => t.kind === 'video'),
  };
  return { stream: stream as unknown as MediaStream, tracks };
}

function setup(kinds: Array<'audio' | 'video'> = ['audio', 'video']) {
  const { stream, tracks } = fakeStream(kinds);
  const sent: Array<MediaStreamTrack | null> = [];
  const media = createLocalMedia(stream, async (track) => void sent.push(track));
  const changes: MediaState[] = [];
  const notices: string[] = [];
  media.on('change', (state) => changes.push(state));
  media.on('notice', (key) => notices.push(key));
  return { media, tracks, sent, changes, notices };
}

describe('our media during a call', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('mutes and unmutes the microphone track and raises each change', () => {
    const { media, tracks, changes } = setup();
    media.toggleMute();
    expect(tracks[0]!.enabled).toBe(false);
    media.toggleMute();
    expect(tracks[0]!.enabled).toBe(true);
    expect(changes).toEqual([
      { muted: true, cameraOff: false, screen: false, audioOnly: false },
      { muted: false, cameraOff: false, screen: false, audioOnly: false },
    ]);
  });

  it('goes audio only and back, keeping its tracks', () => {
    const { media, tracks, changes } = setup();
    media.toggleAudioOnly();
    expect(media.state.audioOnly).toBe(true);
    media.toggleAudioOnly();
    expect(changes.map((c) => c.audioOnly)).toEqual([true, false]);
    expect(tracks.every((t) => t.enabled)).toBe(true);
  });

  it('turns the camera off and on, and does nothing without a camera', () => {
    const { media, tracks, changes } = setup();
    media.toggleCamera();
    expect(tracks[1]!.enabled).toBe(false);
    expect(media.state.cameraOff).toBe(true);
    const none = setup(['audio']);
    none.media.toggleCamera();
    expect(none.changes).toEqual([]);
    expect(changes).toHaveLength(1);
  });

  it('raises a notice when screen sharing cannot start, and stays on the camera', async () => {
    vi.stubGlobal('navigator', { mediaDevices: { getDisplayMedia: () => Promise.reject(new DOMException('no', 'NotAllowedError')) } });
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { media, sent, changes, notices } = setup();
    await media.toggleShare();
    expect(notices).toEqual(['problem.share']);
    expect(sent).toEqual([]);
    expect(changes.at(-1)).toEqual({ muted: false, cameraOff: false, screen: false, audioOnly: false });
  });

  it('shares the screen on the call and goes back to the camera when it stops', async () => {
    const screen = { kind: 'video', stop: vi.fn(), addEventListener: vi.fn() };
    vi.stubGlobal('navigator', { mediaDevices: { getDisplayMedia: async () => ({ getVideoTracks: () => [screen] }) } });
    const { media, tracks, sent, changes } = setup();
    await media.toggleShare();
    expect(sent).toEqual([screen]);
    expect(changes.at(-1)?.screen).toBe(true);
    await media.toggleShare();
    expect(screen.stop).toHaveBeenCalled();
    expect(sent.at(-1)).toBe(tracks[1]);
    expect(changes.at(-1)?.screen).toBe(false);
  });

  it('stops every track on hang-up', () => {
    const { media, tracks } = setup();
    media.stop();
    expect(tracks.every((t) => t.stopped)).toBe(true);
  });
});
