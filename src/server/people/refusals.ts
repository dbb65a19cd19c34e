/**
 * Who refuses whose rings (rings.ts asks before a ring starts): after a decline, that caller's
 * rings to that person are refused for `cooldownMs`; a person may block a name for as long as
 * they hold their own (at most MAX_BLOCKED names, the oldest block dropped first). Works on the
 * maps of state.ts, so the rules are kept with the rest of the shared state.
 */
import type { Clock } from './directory.js';
import type { PartyState } from './state.js';

export const RING_COOLDOWN_MS = 60_000;
/** The most names one person may block (the oldest block goes first past it). */
export const MAX_BLOCKED = 64;

export interface RefusalMaps {
  /** "caller key \n callee key" → until when, in expiry order. */
  cooldowns: Map<string, number>;
  /** person (socket id) → the name keys they block. */
  blocked: Map<string, Set<string>>;
}

export function createRefusals(maps: RefusalMaps, clock: Clock, cooldownMs = RING_COOLDOWN_MS) {
  const { cooldowns, blocked } = maps;
  const pairKey = (caller: PartyState, callee: PartyState) => `${caller.key}\n${callee.key}`;

  /** Forgets cooldowns that are over (the map is in expiry order: stops at the first live one). */
  function prune(): void {
    const now = clock();
    for (const [pair, until] of cooldowns) {
      if (until > now) break;
      cooldowns.delete(pair);
    }
  }

  return {
    prune,
    /** Does `callee` refuse rings from `caller` (blocked, or declined a moment ago)? */
    refuses(callee: PartyState, caller: PartyState): boolean {
      if (blocked.get(callee.socketId)?.has(caller.key)) return true;
      return (cooldowns.get(pairKey(caller, callee)) ?? -Infinity) > clock();
    },
    declined(caller: PartyState, callee: PartyState): void {
      prune();
      const pair = pairKey(caller, callee);
      cooldowns.delete(pair); // set again last: the map stays in expiry order
      if (cooldownMs > 0) cooldowns.set(pair, clock() + cooldownMs);
    },
    block(person: string, key: string): void {
      let keys = blocked.get(person);
      if (!keys) blocked.set(person, (keys = new Set()));
      keys.delete(key);
      keys.add(key);
      if (keys.size > MAX_BLOCKED) keys.delete(keys.values().next().value!);
    },
    /** `person` lost their name: their blocks end with it. */
    forget(person: string): void {
      blocked.delete(person);
    },
  };
}
