/**
 * The picture-in-picture button (`#pip`): puts the other person's video in a
 * floating window and back. Hidden where the browser has no Picture-in-Picture
 * (document.pictureInPictureEnabled false or absent); disabled until the video
 * has something to show.
 */
import { t } from '../i18n/i18n.js';
import { setToggle } from './dom.js';

export interface Pip {
  render(): void;
  /** Closes the floating window if it shows our video (the call is over). */
  close(): void;
}

export function pipSupported(): boolean {
  return document.pictureInPictureEnabled === true && typeof HTMLVideoElement.prototype.requestPictureInPicture === 'function';
}

export function bindPip(button: HTMLButtonElement, video: HTMLVideoElement): Pip {
  const active = () => document.pictureInPictureElement === video;
  if (!pipSupported()) {
    button.hidden = true;
    return { render: () => undefined, close: () => undefined };
  }
  const render = () => {
    setToggle(button, active(), t(active() ? 'control.pipExit' : 'control.pip'));
    if (!button.closest('[data-over]')) button.disabled = video.readyState === 0 && !active();
  };
  const togglePip = async (): Promise<void> => {
    try {
      if (active()) await document.exitPictureInPicture();
      else await video.requestPictureInPicture();
    } catch {
      /* no video yet, or the browser refused: the button shows the real state */
    }
    render();
  };
  button.addEventListener('click', () => void togglePip());
  for (const event of ['enterpictureinpicture', 'leavepictureinpicture', 'loadedmetadata', 'emptied']) video.addEventListener(event, render);
  render();
  return {
    render,
    close: () => void (active() && document.exitPictureInPicture().catch(() => undefined)),
  };
}
