/**
 * Applies the audio-first ladder (quality/ladder.ts) to the call's connection, with no DOM: each stats
 * report moves the ladder, and a change of rung is put on the video sender with setParameters (one
 * change at a time, in order). The audio sender is marked high priority (bitrate share and DSCP
 * network priority) once per connection. `force(true)` pauses video whatever the link says (audio only
 * by choice, ours or the other person's); the ladder then waits, since a paused sender measures nothing.
 */
import { readLink, type LinkMemory } from '../quality/link.js';
import { nextRung, RUNG_SETTINGS, START, type LadderState, type Rung, type RungSettings } from '../quality/ladder.js';

export interface VideoLadder {
  /** Moves the ladder with one report of the connection `connection()` returned. */
  report(report: RTCStatsReport): void;
  /** Pauses video by choice (true) or hands it back to the ladder (false). */
  force(paused: boolean): void;
  /** The ladder's state (for the notice and the signal bars). */
  readonly state: LadderState;
  /** Video paused because the link is poor (not by choice). */
  readonly poor: boolean;
}

const senderOf = (pc: RTCPeerConnection, kind: 'audio' | 'video') => pc.getTransceivers().find((t) => t.receiver.track.kind === kind)?.sender;

/** The encodings' fields a rung sets; undefined removes the limit. */
function withRung(parameters: RTCRtpSendParameters, settings: RungSettings): RTCRtpSendParameters {
  for (const encoding of parameters.encodings) {
    encoding.active = settings.active;
    if (!settings.active) continue; // paused: the size and rate of the last rung stay for when it comes back
    for (const field of ['maxBitrate', 'scaleResolutionDownBy', 'maxFramerate'] as const) {
      const value = settings[field];
      if (value === undefined) delete encoding[field];
      else encoding[field] = value;
    }
    if (settings.scaleResolutionDownBy === undefined) encoding.scaleResolutionDownBy = 1;
  }
  return parameters;
}

async function applyRung(sender: RTCRtpSender, rung: Rung): Promise<void> {
  const parameters = sender.getParameters();
  if (parameters.encodings.length === 0) return;
  await sender.setParameters(withRung(parameters, RUNG_SETTINGS[rung]));
}

async function prioritiseAudio(sender: RTCRtpSender): Promise<boolean> {
  const parameters = sender.getParameters();
  if (parameters.encodings.length === 0) return false;
  for (const encoding of parameters.encodings) Object.assign(encoding, { priority: 'high', networkPriority: 'high' });
  await sender.setParameters(parameters);
  return true;
}

export function createVideoLadder(connection: () => RTCPeerConnection | undefined): VideoLadder {
  let pc: RTCPeerConnection | undefined;
  let state = START;
  let seen: LinkMemory = new Map();
  let forced = false;
  let applied: Rung = 'full'; // what the sender has: a new sender starts unlimited (startsize.ts scales its start)
  let audioDone = false;
  let queue: Promise<void> = Promise.resolve();

  const run = (step: () => Promise<unknown>) =>
    void (queue = queue.then(step).then(
      () => undefined,
      (error: unknown) => console.warn('duet: could not change what the call sends', error),
    ));

  function apply(): void {
    const current = pc;
    const rung: Rung = forced ? 'paused' : state.rung;
    if (!current || rung === applied) return;
    const sender = senderOf(current, 'video');
    if (!sender) return;
    applied = rung;
    run(() => applyRung(sender, rung));
  }

  return {
    report(report) {
      const current = connection();
      if (current !== pc) {
        [pc, state, seen, applied, audioDone] = [current, START, new Map(), 'full', false];
        if (forced) apply();
      }
      if (!current) return;
      const audio = senderOf(current, 'audio');
      if (!audioDone && audio) {
        audioDone = true;
        run(async () => (audioDone = await prioritiseAudio(audio)));
      }
      const { reading, memory } = readLink(report, seen);
      seen = memory;
      if (!forced) state = nextRung(state, reading);
      apply();
    },
    force(paused) {
      if (paused === forced) return;
      forced = paused;
      if (!paused) state = { ...START, rung: state.rung, climbAfter: state.climbAfter };
      pc ??= connection();
      apply();
    },
    get state() {
      return state;
    },
    get poor() {
      return !forced && state.poor;
    },
  };
}
