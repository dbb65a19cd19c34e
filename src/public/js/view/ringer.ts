/**
 * The ring of an incoming call: a ringtone made in the page with Web Audio (two tones, no
 * file), the tab title flashing, and a system notification while the tab is hidden (when the
 * person allowed notifications). Browsers let a page make sound only after a click on it, so
 * `unlock` (on the sign-in click) makes the audio context and asks for notifications.
 */
import { t } from '../i18n/i18n.js';

/** One ring: RING_ON_S of the two tones, then silence, every RING_EVERY_MS. */
const RING_ON_S = 1.2;
const RING_EVERY_MS = 3000;
const TONES_HZ = [440, 480];
const FLASH_MS = 1000;

export interface Ringer {
  /** Called from a click: lets the page play sound later and asks to show notifications. */
  unlock(): void;
  start(name: string): void;
  stop(): void;
}

function burst(ctx: AudioContext): void {
  const gain = ctx.createGain();
  const now = ctx.currentTime;
  gain.gain.setValueAtTime(0, now);
  gain.gain.linearRampToValueAtTime(0.15, now + 0.05);
  gain.gain.setValueAtTime(0.15, now + RING_ON_S - 0.05);
  gain.gain.linearRampToValueAtTime(0, now + RING_ON_S);
  gain.connect(ctx.destination);
  for (const hz of TONES_HZ) {
    const osc = ctx.createOscillator();
    osc.frequency.value = hz;
    osc.connect(gain);
    osc.start(now);
    osc.stop(now + RING_ON_S);
  }
}

export function createRinger(): Ringer {
  let ctx: AudioContext | undefined;
  let timers: Array<ReturnType<typeof setInterval>> = [];
  let notification: Notification | undefined;
  let title = document.title;

  const notify = (name: string) => {
    if (!document.hidden || typeof Notification !== 'function' || Notification.permission !== 'granted') return;
    notification = new Notification(t('people.notifyTitle'), { body: t('people.notifyBody', { name }), tag: 'duet-call', requireInteraction: true });
    notification.onclick = () => {
      window.focus();
      notification?.close();
    };
  };

  const stop = () => {
    timers.forEach(clearInterval);
    timers = [];
    notification?.close();
    notification = undefined;
    document.title = title;
    delete document.body.dataset.ringing;
  };

  return {
    unlock() {
      try {
        ctx ??= new AudioContext();
        void ctx.resume();
      } catch {
        /* no Web Audio: the title and the notification still ring */
      }
      if (typeof Notification === 'function' && Notification.permission === 'default') void Notification.requestPermission().catch(() => undefined);
    },
    start(name) {
      stop();
      title = document.title;
      document.body.dataset.ringing = 'true';
      const ring = () => {
        if (ctx?.state === 'running') burst(ctx);
      };
      ring();
      let flash = false;
      timers.push(
        setInterval(ring, RING_EVERY_MS),
        setInterval(() => {
          flash = !flash;
          document.title = flash ? t('people.ringTitle', { name }) : title;
        }, FLASH_MS),
      );
      document.title = t('people.ringTitle', { name });
      notify(name);
    },
    stop,
  };
}
