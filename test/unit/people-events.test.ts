import type { Socket as ServerSocket } from 'socket.io';
import type { Socket as ClientSocket } from 'socket.io-client';
import { describe, expectTypeOf, it } from 'vitest';
import type { LoginResult, PeopleClientToServerEvents, PeopleServerToClientEvents } from '../../src/shared/people-events.js';

type Client = ClientSocket<PeopleServerToClientEvents, PeopleClientToServerEvents>;
type Server = ServerSocket<PeopleClientToServerEvents, PeopleServerToClientEvents>;

// Compiled by `npm run typecheck`, never run: the calls a client and the server make must type-check.
function clientCalls(socket: Client): void {
  socket.emit('login', 'bob');
  socket.emit('login', 'bob', 'token');
  socket.emit('login', 'bob', (result) => expectTypeOf(result).toEqualTypeOf<LoginResult>());
  socket.emit('login', 'bob', 'token', (result) => expectTypeOf(result).toEqualTypeOf<LoginResult>());
  socket.emit('call', 'ann', (reply) => {
    if (reply.ok) expectTypeOf(reply.to).toBeString();
    else
      expectTypeOf(reply.error).toEqualTypeOf<
        'not-logged-in' | 'invalid-name' | 'name-taken' | 'too-many-names' | 'self' | 'already-in-call' | 'no-such-call' | 'rate-limited'
      >();
  });
  socket.emit('accept', 'ann', (reply) => {
    if (reply.ok) expectTypeOf(reply.room).toBeString();
  });
  socket.emit('cancel');
  socket.emit('decline', 'ann');
  socket.emit('block', 'ann', (reply) => expectTypeOf(reply.ok).toBeBoolean());
  socket.emit('hangup');
  socket.emit('logout');
  socket.on('unavailable', (to, reason) => expectTypeOf(reason).toEqualTypeOf<'offline' | 'busy' | 'declined' | 'no-answer'>());
  socket.on('people', (list, total) => (expectTypeOf(list[0]!.busy).toBeBoolean(), expectTypeOf(total).toBeNumber()));
  // @ts-expect-error: the token is a string
  socket.emit('login', 'bob', 42);
  // @ts-expect-error: call needs a name
  socket.emit('call');
}

function serverCalls(socket: Server): void {
  socket.emit('accepted', 'room', 'ann');
  socket.emit('people', [{ name: 'ann', busy: false }], 1);
  socket.emit('unavailable', 'ann', 'busy');
  // @ts-expect-error: not a reason
  socket.emit('unavailable', 'ann', 'away');
  socket.on('login', (name, ...rest) => {
    expectTypeOf(name).toBeString();
    expectTypeOf(rest).toEqualTypeOf<[] | [ack: (reply: LoginResult) => void] | [token: string] | [token: string, ack: (reply: LoginResult) => void]>();
  });
}

describe('the people event contract', () => {
  it('types login with an optional token and an optional acknowledgement last', () => {
    expectTypeOf(clientCalls).toBeFunction();
    expectTypeOf(serverCalls).toBeFunction();
  });
});
