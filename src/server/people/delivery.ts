/**
 * Sends the events of calls by name under the same back-pressure as relays (the pipeline's `pressure`).
 * A `people` list for a connection with more than MAX_QUEUED_BYTES waiting is held instead of
 * sent: only the newest one per connection, sent once the connection has drained (checked every
 * `retryMs`). Other events (rings, answers) are small and rare, and go out as long as the
 * connection is not stuck. A connection that stays over the cap for MAX_CONGESTED_MS is dropped
 * by the pipeline, as a relay would drop it. Sockets on other nodes are reached through the adapter; their own
 * node cannot be asked how much waits for them.
 */
import type { Pipeline } from '../socket/pipeline.js';
import type { DuetServer } from '../socket/types.js';
import type { Timers } from './wake-timer.js';
import type { PeopleEvent } from './backend.js';

/** How often held lists are tried again. */
export const RETRY_HELD_MS = 500;

export interface Delivery {
  send(events: readonly PeopleEvent[]): void;
  /** Lists held now (for tests of bounded memory). */
  readonly held: number;
  close(): void;
}

export interface DeliveryDeps {
  clock: () => number;
  timers: Timers;
  /** The pipeline's backpressure: is a connection congested (or stuck, and dropped)? */
  pressure: Pipeline['pressure'];
  retryMs?: number;
}

type Emit = (event: string, ...args: unknown[]) => boolean;

export function createDelivery(io: DuetServer, deps: DeliveryDeps): Delivery {
  const { pressure } = deps;
  const held = new Map<string, PeopleEvent>(); // socket id → the newest list it did not get
  let retry: unknown;

  /** 'ok', 'congested' or 'stuck' for a socket of this node; 'remote' for any other. */
  function state(to: string) {
    const socket = io.sockets.sockets.get(to);
    if (!socket) return 'remote';
    const verdict = pressure(socket, deps.clock());
    if (verdict === 'stuck') held.delete(to); // dropped by the pipeline
    return verdict;
  }

  const emit = ({ to, event, args }: PeopleEvent) => (io.to(to).emit as Emit)(event, ...args);

  function schedule(): void {
    if (retry !== undefined || held.size === 0) return;
    retry = deps.timers.setTimeout(() => {
      retry = undefined;
      for (const [to, list] of [...held]) {
        const now = state(to);
        if (now === 'congested') continue;
        held.delete(to);
        if (now === 'ok') emit(list); // a socket gone from this node is forgotten
      }
      schedule();
    }, deps.retryMs ?? RETRY_HELD_MS);
  }

  return {
    send(events) {
      for (const event of events) {
        const now = state(event.to);
        if (now === 'stuck') continue;
        if (now === 'congested' && event.event === 'people') {
          held.set(event.to, event);
          continue;
        }
        if (event.event === 'people') held.delete(event.to);
        emit(event);
      }
      schedule();
    },
    get held() {
      return held.size;
    },
    close() {
      if (retry !== undefined) deps.timers.clearTimeout(retry);
      retry = undefined;
      held.clear();
    },
  };
}
