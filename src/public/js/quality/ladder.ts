/**
 * The audio-first ladder: how much video we send, decided once a second from what the link tells us, so
 * that when the link cannot carry both, the voice keeps its quality and the video gives way. Four rungs:
 * full (the browser decides), reduced (half size, 15 fps, 150 kbit/s), low (quarter size, 8 fps,
 * 40 kbit/s) and paused (no video at all). Pure: readings in, rung out; link.ts reads the stats and
 * session/video-ladder.ts applies the rung with RTCRtpSender.setParameters. A rung is kept only while
 * the estimate covers its need (RUNG_NEEDS_BPS), which leaves headroom above its own cap, so a try of
 * the next rung costs the voice little on a link that is still too thin.
 *
 * Going down: a sample is bad when the loss the other side reports of our packets reaches LOSS_BAD_PERCENT
 * or the round trip reaches RTT_BAD_MS; BAD_SAMPLES bad samples in a row step one rung down. The
 * bandwidth estimate (availableOutgoingBitrate) can also jump straight to the rung it can carry, once it
 * stays below the current rung's need for BAD_SAMPLES samples (not in the ESTIMATE_GRACE samples after a
 * climb: the estimate grows only once more is sent).
 * Going up: GOOD_SAMPLES samples in a row under the good thresholds (lower ones: hysteresis) try the
 * next rung up (PAUSED_GOOD_SAMPLES from paused); until that climb has held, the first sample that is not
 * good steps back down. A climb that fails within FAILED_WITHIN samples doubles the wait before the next try
 * (up to MAX_GOOD_SAMPLES); one that holds for HELD_SAMPLES resets it. While the estimate cannot see
 * spare capacity (a sender held to a low rate does not probe beyond it), trying is how the ladder
 * notices that the link recovered.
 * `poor` (what #quality-notice shows) turns on when video is paused by the link and off only once a
 * rung with video has held for HELD_SAMPLES, so a failed climb does not make the notice blink.
 */

export const RUNGS = ['full', 'reduced', 'low', 'paused'] as const;
export type Rung = (typeof RUNGS)[number];

/** What a rung asks of the video sender's encoding (undefined: the browser decides). */
export interface RungSettings {
  active: boolean;
  maxBitrate: number | undefined;
  scaleResolutionDownBy: number | undefined;
  maxFramerate: number | undefined;
}

export const RUNG_SETTINGS: Readonly<Record<Rung, RungSettings>> = {
  full: { active: true, maxBitrate: undefined, scaleResolutionDownBy: undefined, maxFramerate: undefined },
  reduced: { active: true, maxBitrate: 150_000, scaleResolutionDownBy: 2, maxFramerate: 15 },
  low: { active: true, maxBitrate: 40_000, scaleResolutionDownBy: 4, maxFramerate: 8 },
  paused: { active: false, maxBitrate: undefined, scaleResolutionDownBy: undefined, maxFramerate: undefined },
};

/** Opus at its default rate with RTP, UDP and IP headers, about 50 packets a second. */
export const AUDIO_BPS = 50_000;
/** The estimate a rung needs (audio included) to be kept. */
export const RUNG_NEEDS_BPS: Readonly<Record<Rung, number>> = {
  full: AUDIO_BPS + 200_000,
  reduced: AUDIO_BPS + 120_000,
  low: AUDIO_BPS + 60_000,
  paused: 0,
};

export const LOSS_BAD_PERCENT = 8;
export const LOSS_GOOD_PERCENT = 2;
export const RTT_BAD_MS = 500;
export const RTT_GOOD_MS = 300;
export const BAD_SAMPLES = 2;
export const GOOD_SAMPLES = 4;
/** Good samples before video is tried again after a pause: each try costs the voice a little loss on a link that is still thin. */
export const PAUSED_GOOD_SAMPLES = 8;
export const MAX_GOOD_SAMPLES = 12;
export const FAILED_WITHIN = 6;
export const HELD_SAMPLES = 6;
/** Samples after a climb during which the estimate is not trusted (it grows only once more is sent). */
export const ESTIMATE_GRACE = 3;

/** One second of the link as getStats() saw it (see readLink); undefined fields were not measured. */
export interface LinkReading {
  /** candidate-pair.availableOutgoingBitrate, bit/s. */
  availableBps?: number;
  /** The worse loss the other side reports of the streams we are sending (remote-inbound-rtp), percent. */
  lossPercent?: number;
  /** The longest round trip measured (remote-inbound-rtp, candidate pair), ms. */
  rttMs?: number;
}

export interface LadderState {
  rung: Rung;
  poor: boolean;
  bad: number;
  good: number;
  /** Estimate readings in a row below the current rung's need. */
  short: number;
  /** Good samples needed before the next climb. */
  climbAfter: number;
  /** Samples since the last climb (undefined: no climb to judge). */
  sinceClimb: number | undefined;
}

export const START: LadderState = { rung: 'full', poor: false, bad: 0, good: 0, short: 0, climbAfter: GOOD_SAMPLES, sinceClimb: undefined };

const index = (rung: Rung) => RUNGS.indexOf(rung);
const down = (rung: Rung) => RUNGS[Math.min(index(rung) + 1, RUNGS.length - 1)]!;
const up = (rung: Rung) => RUNGS[Math.max(index(rung) - 1, 0)]!;

export function isBad(r: LinkReading): boolean {
  return (r.lossPercent ?? 0) >= LOSS_BAD_PERCENT || (r.rttMs ?? 0) >= RTT_BAD_MS;
}

export function isGood(r: LinkReading): boolean {
  return (r.lossPercent ?? 0) < LOSS_GOOD_PERCENT && (r.rttMs ?? 0) < RTT_GOOD_MS;
}

/** The highest rung at or below `rung` whose need the estimate covers. */
export function rungForEstimate(rung: Rung, availableBps: number): Rung {
  return RUNGS.slice(index(rung)).find((r) => RUNG_NEEDS_BPS[r] <= availableBps) ?? 'paused';
}

function stepDown(s: LadderState, to: Rung): LadderState {
  const failedClimb = s.sinceClimb !== undefined && s.sinceClimb < FAILED_WITHIN;
  return {
    rung: to,
    poor: s.poor || to === 'paused',
    bad: 0,
    good: 0,
    short: 0,
    climbAfter: Math.max(failedClimb ? Math.min(s.climbAfter * 2, MAX_GOOD_SAMPLES) : s.climbAfter, to === 'paused' ? PAUSED_GOOD_SAMPLES : 0),
    sinceClimb: undefined,
  };
}

/** The next state after one reading. */
export function nextRung(s: LadderState, r: LinkReading): LadderState {
  const bad = isBad(r) ? s.bad + 1 : 0;
  const good = isGood(r) ? s.good + 1 : 0;
  const sinceClimb = s.sinceClimb === undefined ? undefined : s.sinceClimb + 1;
  const trusted = sinceClimb === undefined || sinceClimb > ESTIMATE_GRACE;
  const short = trusted && r.availableBps !== undefined && r.availableBps < RUNG_NEEDS_BPS[s.rung] ? s.short + 1 : 0;
  if (s.rung !== 'paused' && short >= BAD_SAMPLES) return stepDown(s, rungForEstimate(down(s.rung), r.availableBps!));
  if (s.rung !== 'paused' && bad >= BAD_SAMPLES) return stepDown(s, down(s.rung));
  // a climb is judged strictly: the first sample that is not good ends it (the voice pays for every second of it)
  if (s.rung !== 'paused' && sinceClimb !== undefined && sinceClimb < HELD_SAMPLES && !isGood(r)) return stepDown(s, down(s.rung));
  const held = sinceClimb !== undefined && sinceClimb >= HELD_SAMPLES;
  const next: LadderState = {
    ...s,
    bad,
    good,
    short,
    sinceClimb: held ? undefined : sinceClimb,
    climbAfter: held ? GOOD_SAMPLES : s.climbAfter,
    poor: s.poor && !(held && s.rung !== 'paused'),
  };
  const judging = next.sinceClimb !== undefined; // one climb at a time: the last one has not held yet
  if (s.rung !== 'full' && !judging && good >= s.climbAfter) return { ...next, rung: up(s.rung), good: 0, bad: 0, short: 0, sinceClimb: 0 };
  return next;
}
