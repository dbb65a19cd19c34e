/**
 * `#quality-notice`: one sentence in the call view while video is paused because the link is poor, on
 * our side (our ladder paused what we send), on theirs (they told us over the data channel) or both;
 * hidden when neither. Video paused by choice (audio only) is not a poor connection and says nothing here.
 */
import { t, type Key } from '../i18n/i18n.js';

export type PoorSide = 'self' | 'other' | 'both' | undefined;

export function poorSide(self: boolean, other: boolean): PoorSide {
  if (self && other) return 'both';
  if (self) return 'self';
  return other ? 'other' : undefined;
}

const KEY: Record<Exclude<PoorSide, undefined>, Key> = { self: 'quality.notice.self', other: 'quality.notice.other', both: 'quality.notice.both' };

export function renderQualityNotice(el: HTMLElement, side: PoorSide): void {
  el.hidden = side === undefined;
  el.dataset.side = side ?? '';
  el.textContent = side === undefined ? '' : t(KEY[side]);
}
