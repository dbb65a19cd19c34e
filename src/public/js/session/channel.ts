/**
 * Messages between the two duet pages over the RTCDataChannel (never through
 * the server): names, mute/camera/screen state, chat, hang-up, liveness pings.
 */
export type ChannelMessage =
  | { kind: 'hello'; name: string }
  | { kind: 'state'; muted: boolean; cameraOff: boolean; screen: boolean }
  | { kind: 'chat'; text: string; time: number }
  | { kind: 'bye' }
  | { kind: 'ping' }
  | { kind: 'pong' };

export const MAX_CHAT_CHARS = 2000;
export const MAX_NAME_CHARS = 40;

const bool = (v: unknown): v is boolean => typeof v === 'boolean';
const str = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;

/** Parses a received frame; anything unexpected gives undefined. */
export function parseChannelMessage(raw: unknown): ChannelMessage | undefined {
  if (typeof raw !== 'string' || raw.length > MAX_CHAT_CHARS * 4) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (!value || typeof value !== 'object') return undefined;
  const m = value as Record<string, unknown>;
  switch (m.kind) {
    case 'hello':
      return str(m.name, MAX_NAME_CHARS) ? { kind: 'hello', name: m.name } : undefined;
    case 'state':
      return bool(m.muted) && bool(m.cameraOff) && bool(m.screen) ? { kind: 'state', muted: m.muted, cameraOff: m.cameraOff, screen: m.screen } : undefined;
    case 'chat':
      return str(m.text, MAX_CHAT_CHARS) && typeof m.time === 'number' && Number.isFinite(m.time) ? { kind: 'chat', text: m.text, time: m.time } : undefined;
    case 'bye':
    case 'ping':
    case 'pong':
      return { kind: m.kind };
    default:
      return undefined;
  }
}

export interface Channel {
  send(message: ChannelMessage): boolean;
  readonly open: boolean;
}

/** Wraps a data channel: `onMessage` gets parsed messages, `onOpen` runs once it opens. */
export function wrapChannel(dc: RTCDataChannel, onMessage: (m: ChannelMessage) => void, onOpen: () => void, onClose: () => void): Channel {
  dc.onmessage = (event) => {
    const message = parseChannelMessage(event.data);
    if (message) onMessage(message);
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
