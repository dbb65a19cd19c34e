/**
 * The socket the people page speaks on: the room events and the call-by-name events
 * (src/shared/people-events.ts, part of the contract in events.ts) on one connection.
 */
import type { SignalSocket } from '../session/signaling.js';

export type PeopleSocket = SignalSocket;
