/**
 * The socket the people page speaks on: the room events and the call-by-name events
 * (src/shared/people-events.ts, part of the contract in events.ts) on one connection.
 */
import type { SignalSocket } from '../session/signaling.js';

export type PeopleSocket = SignalSocket;

/** Where the page keeps its login for a reload (sessionStorage in the page, a Map in tests). */
export interface LoginStore {
  get(): { name: string; token: string } | undefined;
  set(login: { name: string; token: string } | undefined): void;
}
