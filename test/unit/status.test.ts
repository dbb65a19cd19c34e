/**
 * The status line's derivation with notes (src/public/js/session/status.ts):
 * an error or notice is shown while the status it was raised under lasts.
 */
import { describe, expect, it } from 'vitest';
import { settle, statusLine, withNote, type CallFacts } from '../../src/public/js/session/status.js';

const waiting: CallFacts = { ended: false, full: false, peer: undefined, link: 'connected', inRoom: true, otherLeft: false };

describe('the status line', () => {
  it("says the call's state when there is no note", () => {
    expect(statusLine(waiting)).toEqual({ status: 'waiting', key: 'status.waiting', detail: '' });
  });

  it('shows an error as the error status with its detail', () => {
    expect(statusLine(withNote(waiting, { kind: 'error', detail: 'bad room' }))).toEqual({ status: 'error', key: 'status.error', detail: 'bad room' });
  });

  it('shows a notice in words while keeping the state for styling', () => {
    expect(statusLine(withNote(waiting, { kind: 'notice', key: 'problem.share' }))).toEqual({ status: 'waiting', key: 'problem.share', detail: '' });
  });

  it('keeps a note while the state is the same and forgets it once the state changed', () => {
    const noted = withNote(waiting, { kind: 'notice', key: 'problem.share' });
    expect(settle({ ...noted, peer: undefined }).note).toEqual(noted.note);
    const connecting = settle({ ...noted, peer: 'new' });
    expect(connecting.note).toBeUndefined();
    expect(statusLine({ ...connecting, peer: undefined }).key).toBe('status.waiting');
  });
});
