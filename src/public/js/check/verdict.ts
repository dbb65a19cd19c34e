/**
 * The check's plain verdict (pure): calls from this network will work
 * directly, through the relay, or not at all across the internet.
 */
import type { IcePath } from '../session/icepath.js';

export type Verdict = 'direct' | 'relay' | 'fail';

export interface CheckFacts {
  /** The in-page call with every kind of candidate allowed: its path, or undefined when it did not connect. */
  anyPath: IcePath | undefined;
  /** The in-page call forced through the relay (run when TURN is offered): whether it connected. */
  relayWorks: boolean;
}

export function verdict(f: CheckFacts): Verdict {
  if (f.anyPath === 'relay') return 'relay';
  if (f.anyPath !== undefined) return 'direct';
  return f.relayWorks ? 'relay' : 'fail';
}
