/**
 * Messages between the two duet pages over the RTCDataChannel (never through
 * the server): names, mute/camera/screen/audio-only state, chat, whether we are recording, hang-up,
 * liveness pings, and whether our video is paused because the link is poor (`link`).
 */
export type ChannelMessage =
  | { kind: 'hello'; name: string }
  | { kind: 'state'; muted: boolean; cameraOff: boolean; screen: boolean; audioOnly?: boolean }
  | { kind: 'link'; poor: boolean }
  | { kind: 'chat'; text: string; time: number }
  | { kind: 'recording'; on: boolean }
  | { kind: 'bye' }
  | { kind: 'ping' }
  | { kind: 'pong' };

export const MAX_CHAT_CHARS = 2000;
export const MAX_NAME_CHARS = 40;
/** Latest chat time accepted (2100-01-01), far inside what Date can show (8.64e15). */
export const MAX_CHAT_TIME = Date.UTC(2100, 0, 1);
const MAX_FRAME_CHARS = MAX_CHAT_CHARS * 4;

const bool = (v: unknown): v is boolean => typeof v === 'boolean';
const str = (v: unknown, min: number, max: number): v is string => typeof v === 'string' && v.length >= min && v.length <= max;
const time = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= MAX_CHAT_TIME;

export type ChannelCheck = { ok: true; message: ChannelMessage } | { ok: false; reason: string };

/**
 * Checks a received frame field by field (a hostile peer controls it): JSON of at
 * most 8000 characters, a known kind, and every field of the right type and range.
 * Never throws; a refusal says why, for a console warning.
 */
export function checkChannelMessage(raw: unknown): ChannelCheck {
  if (typeof raw !== 'string') return { ok: false, reason: 'not text' };
  if (raw.length > MAX_FRAME_CHARS) return { ok: false, reason: `${raw.length} characters` };
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return { ok: false, reason: 'not JSON' };
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { ok: false, reason: 'not an object' };
  const m = value as Record<string, unknown>;
  const kind = Object.hasOwn(m, 'kind') ? m.kind : undefined;
  switch (kind) {
    case 'hello':
      return str(m.name, 0, MAX_NAME_CHARS) ? { ok: true, message: { kind, name: m.name } } : { ok: false, reason: 'bad hello name' };
    case 'state':
      if (!(bool(m.muted) && bool(m.cameraOff) && bool(m.screen))) return { ok: false, reason: 'bad state flags' };
      if (m.audioOnly !== undefined && !bool(m.audioOnly)) return { ok: false, reason: 'bad audio-only flag' }; // absent from older pages
      return { ok: true, message: { kind, muted: m.muted, cameraOff: m.cameraOff, screen: m.screen, audioOnly: m.audioOnly === true } };
    case 'link':
      return bool(m.poor) ? { ok: true, message: { kind, poor: m.poor } } : { ok: false, reason: 'bad link flag' };
    case 'chat':
      if (!str(m.text, 1, MAX_CHAT_CHARS)) return { ok: false, reason: 'bad chat text' };
      return time(m.time) ? { ok: true, message: { kind, text: m.text, time: m.time } } : { ok: false, reason: 'bad chat time' };
    case 'recording':
      return bool(m.on) ? { ok: true, message: { kind, on: m.on } } : { ok: false, reason: 'bad recording flag' };
    case 'bye':
    case 'ping':
    case 'pong':
      return { ok: true, message: { kind } };
    default:
      return { ok: false, reason: 'unknown kind' };
  }
}

/** Parses a received frame; anything unexpected gives undefined. */
export function parseChannelMessage(raw: unknown): ChannelMessage | undefined {
  const check = checkChannelMessage(raw);
  return check.ok ? check.message : undefined;
}

export interface Channel {
  send(message: ChannelMessage): boolean;
  readonly open: boolean;
}

/** Wraps a data channel: `onMessage` gets parsed messages, `onOpen` runs once it opens. */
export function wrapChannel(dc: RTCDataChannel, onMessage: (m: ChannelMessage) => void, onOpen: () => void, onClose: () => void): Channel {
  dc.onmessage = (event) => {
    const check = checkChannelMessage(event.data);
    if (!check.ok) return console.warn(`duet: ignored a data-channel message from the other person (${check.reason})`);
    try {
      onMessage(check.message);
    } catch (error) {
      console.warn('duet: a data-channel message could not be handled', error);
    }
  };
  dc.onopen = onOpen;
  dc.onclose = onClose;
  if (dc.readyState === 'open') queueMicrotask(onOpen);
  return {
    send(message) {
      if (dc.readyState !== 'open') return false;
      dc.send(JSON.stringify(message));
      return true;
    },
    get open() {
      return dc.readyState === 'open';
    },
  };
}
