/**
 * The socket the people page speaks on: the room events and the call-by-name events
 * (src/shared/people-events.ts) on one connection.
 */
import type { Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../../shared/events.js';
import type { PeopleClientToServerEvents, PeopleServerToClientEvents } from '../../../shared/people-events.js';

export type PeopleSocket = Socket<ServerToClientEvents & PeopleServerToClientEvents, ClientToServerEvents & PeopleClientToServerEvents>;

/** Where the page keeps its login for a reload (sessionStorage in the page, a Map in tests). */
export interface LoginStore {
  get(): { name: string; token: string } | undefined;
  set(login: { name: string; token: string } | undefined): void;
}
