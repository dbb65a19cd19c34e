/**
 * The other person's video with sound, even where the browser blocks sound the person did not
 * click for (a call resumed after a reload, an accepted call on a strict browser). When `play()`
 * is refused, the video plays muted (never a frozen picture) and a clear "Tap to hear" button
 * (#tap-to-hear) turns the sound on with the click the browser wants.
 */
import type { Session } from '../session/session-types.js';

export interface AutoplayElements {
  remote: HTMLVideoElement;
  tapToHear: HTMLButtonElement;
}

export function bindAutoplay(ui: AutoplayElements, session: Session): void {
  let blocked = false;

  const start = async () => {
    if (!ui.remote.srcObject) return;
    try {
      ui.remote.muted = blocked;
      await ui.remote.play();
    } catch (error) {
      if (!(error instanceof DOMException) || error.name !== 'NotAllowedError') return; // AbortError: a newer stream took its place
      blocked = true;
      ui.tapToHear.hidden = false;
      ui.remote.muted = true; // the picture at least: muted playback is always allowed
      await ui.remote.play().catch(() => undefined);
    }
  };

  ui.tapToHear.addEventListener('click', () => {
    blocked = false;
    ui.tapToHear.hidden = true;
    ui.remote.muted = false;
    void ui.remote.play().catch(() => {
      blocked = true;
      ui.remote.muted = true;
      ui.tapToHear.hidden = false;
    });
  });
  session.on('remoteStream', () => void start());
}
