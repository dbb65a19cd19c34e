/**
 * A room store that reports seats taken and freed to the metrics, around any other
 * store (in-memory or shared). The calls on the relay path go straight through.
 */
import type { RoomStore } from './store.js';
import type { SeatMetrics } from '../metrics/metrics.js';

export function countSeats(store: RoomStore, metrics: SeatMetrics): RoomStore {
  return {
    async seat(room, member, address) {
      const result = await store.seat(room, member, address);
      metrics.admitted(result.kind);
      return result;
    },
    async unseat(room, member) {
      const result = await store.unseat(room, member);
      if (result.kind === 'left') metrics.unseated(1);
      return result;
    },
    async unseatAll(member) {
      const left = await store.unseatAll(member);
      if (left.length > 0) metrics.unseated(left.length);
      return left;
    },
    others: (room, member) => store.others(room, member),
    isMember: (room, member) => store.isMember(room, member),
    count: (room) => store.count(room),
  };
}
