/**
 * The text that goes with each error code, sent in `error` events next to the
 * code (docs/protocol.md lists them). Pure data, shared by server and page.
 */
import type { ErrorCode } from './events.js';

export const ERROR_TEXT: Readonly<Record<ErrorCode, string>> = {
  'invalid-room': 'Room names are 1-64 letters, digits, "-", "_" or "." (not only dots).',
  'room-full': 'This room already has two people in it.',
  'not-in-room': 'You are not in that room.',
  'already-in-room': 'You are already in that room.',
  'invalid-message': 'That message is not valid.',
  'message-too-large': 'That message is too large.',
  'rate-limited': 'Too many requests; slow down.',
  'peer-congested': 'The other person is not receiving; that message was not relayed.',
  'too-many-rooms': 'Too many rooms are open (on the server, on this connection or from this address); leave one or try again later.',
  'server-shutting-down': 'The server is shutting down.',
  'not-logged-in': 'Sign in with a name first.',
  'invalid-name':
    "Names are 1-32 letters, digits, spaces or - _ . ' (at least one letter or digit), nothing invisible, no alphabets mixed to look like another name.",
  'name-taken': 'Someone else is signed in with that name.',
  'too-many-names': 'Too many names are signed in from your address; sign one out first.',
  self: 'You cannot call yourself.',
  'already-in-call': 'You are already in a call or ringing someone.',
  'no-such-call': 'There is no such call (it may have ended).',
  unavailable: 'The server cannot take new calls right now (its shared store is unreachable); try again in a moment.',
};
