/**
 * The call session's signaling for a call by name (src/public/js/people/call-link.ts) against a
 * fake socket: the room learnt from `accepted`, early events kept, the warm start of the caller,
 * and leaving without a word to the server.
 */
import { describe, expect, it } from 'vitest';
import { createCallLink } from '../../src/public/js/people/call-link.js';
import type { OpenSocket, SignalingHandlers } from '../../src/public/js/session/signaling.js';
import { fakeSocket } from './people-page-fakes.js';

function handlers(log: string[]): SignalingHandlers {
  return {
    joined: (id) => log.push(`joined ${id}`),
    otherjoin: (id) => log.push(`otherjoin ${id}`),
    full: () => log.push('full'),
    bye: (id) => log.push(`bye ${id}`),
    message: (data) => log.push(`message ${JSON.stringify(data)}`),
    link: (state) => log.push(`link ${state}`),
    refused: (code) => log.push(`refused ${code}`),
  };
}

describe('the call link of a call by name', () => {
  it('keeps the private room events that come before the session, and only those', () => {
    const fake = fakeSocket();
    const link = createCallLink(fake.socket, false);
    fake.fire('joined', 'call-a', 'x'); // before accepted: not ours
    fake.fire('accepted', 'call-a', 'bob');
    fake.fire('joined', 'call-a', 'me');
    fake.fire('message', 'other-room', { type: 'offer', sdp: 'no' });
    fake.fire('message', 'call-a', { type: 'offer', sdp: 'v=0' });
    const log: string[] = [];
    link.connect('', handlers(log), { socket: fake.socket, failures: 0 } as OpenSocket);
    expect(log).toEqual(['link connected', 'joined me', 'message {"type":"offer","sdp":"v=0"}']);
    fake.fire('bye', 'call-a', 'bob-id');
    expect(log.at(-1)).toBe('bye bob-id');
  });

  it('tells the caller it is in the room at once and lets otherjoin send the prepared offer', () => {
    const fake = fakeSocket();
    const link = createCallLink(fake.socket, true);
    const log: string[] = [];
    const signaling = link.connect('', handlers(log), { socket: fake.socket, failures: 0 } as OpenSocket);
    expect(log).toEqual(['link connected', 'joined me']);
    signaling.send({ type: 'candidate' }); // no room yet: nowhere to send
    fake.fire('accepted', 'call-b', 'ann');
    fake.fire('joined', 'call-b', 'me');
    fake.fire('otherjoin', 'call-b', 'ann-id');
    expect(log).toEqual(['link connected', 'joined me', 'otherjoin ann-id']);
    signaling.send({ type: 'offer', sdp: 'v=0' });
    expect(fake.sent).toEqual([['message', 'call-b', { type: 'offer', sdp: 'v=0' }]]);
  });

  it('leaves without sending anything and stops listening', () => {
    const fake = fakeSocket();
    const link = createCallLink(fake.socket, false);
    const log: string[] = [];
    const signaling = link.connect('', handlers(log), { socket: fake.socket, failures: 0 } as OpenSocket);
    signaling.leave();
    fake.fire('accepted', 'call-c', 'bob');
    fake.fire('joined', 'call-c', 'me');
    expect(fake.sent).toEqual([]);
    expect(log).toEqual(['link connected']);
    expect(fake.listeners('message')).toBe(0);
  });
});
