import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NAME_RESERVE_MS, createDirectory, peopleFor, type LoginOutcome } from '../../src/server/people/directory.js';

/** A directory on a fake clock with counting "random" bytes, so tokens are known and distinct. */
function setup(reserveMs?: number) {
  let now = 1_000_000;
  let counter = 0;
  const randomBytes = (size: number) => Uint8Array.from({ length: size }, (_, i) => (i === 0 ? ++counter : i));
  const directory = createDirectory({ clock: () => now, randomBytes, ...(reserveMs !== undefined && { reserveMs }) });
  return { directory, advance: (ms: number) => (now += ms) };
}

function token(outcome: LoginOutcome): string {
  if (!outcome.ok) throw new Error(`login refused: ${outcome.error}`);
  return outcome.token;
}

const nobodyBusy = () => false;

describe('signing in by name', () => {
  it('gives a valid name, its key and a 128-bit token', () => {
    const { directory } = setup();
    const result = directory.login('s1', '  Bob ');
    expect(result).toEqual({ ok: true, name: 'Bob', key: 'bob', token: expect.stringMatching(/^[A-Za-z0-9_-]{22}$/) });
    expect(Buffer.from(token(result), 'base64url')).toHaveLength(16);
    expect(directory.whoIs('s1')).toEqual({ name: 'Bob', key: 'bob' });
    expect(directory.socketOf('bob')).toBe('s1');
  });

  it('refuses an invalid name and changes nothing', () => {
    const { directory } = setup();
    for (const name of ['', '  ', 'a/b', 42, undefined, 'x'.repeat(33)]) expect(directory.login('s1', name)).toEqual({ ok: false, error: 'invalid-name' });
    expect(directory.size).toBe(0);
  });

  it('refuses a name held by someone else, in any case or width', () => {
    const { directory } = setup();
    directory.login('s1', 'Bob');
    for (const name of ['Bob', 'bob', 'BOB', ' bOb ', 'ＢＯＢ']) expect(directory.login('s2', name)).toEqual({ ok: false, error: 'name-taken' });
    expect(directory.whoIs('s2')).toBeUndefined();
    expect(directory.socketOf('bob')).toBe('s1');
  });

  it('lets exactly one of two sockets that claim one name at once have it', () => {
    const { directory } = setup();
    const results = [directory.login('s1', 'ann'), directory.login('s2', 'ANN')];
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results[1]).toEqual({ ok: false, error: 'name-taken' });
  });

  it('does not let a wrong or malformed token take a held name', () => {
    const { directory } = setup();
    const real = token(directory.login('s1', 'bob'));
    const wrong = real.slice(0, -1) + (real.endsWith('A') ? 'B' : 'A');
    for (const guess of [wrong, real.slice(1), `${real}x`, 42, {}, '']) expect(directory.login('s2', 'bob', guess)).toEqual({ ok: false, error: 'name-taken' });
  });

  it('answers a repeated login on the same socket with the same token and the new spelling', () => {
    const { directory } = setup();
    const first = token(directory.login('s1', 'bob'));
    expect(directory.login('s1', 'Bob')).toEqual({ ok: true, name: 'Bob', key: 'bob', token: first });
  });

  it('drops the old name at once when a socket signs in under another one', () => {
    const { directory } = setup();
    directory.login('s1', 'bob');
    expect(directory.login('s1', 'robert')).toMatchObject({ ok: true, name: 'robert', previous: 'bob' });
    expect(directory.socketOf('bob')).toBeUndefined();
    expect(directory.login('s2', 'bob')).toMatchObject({ ok: true, name: 'bob' });
  });

  it('keeps the old name when the new one is taken', () => {
    const { directory } = setup();
    directory.login('s1', 'bob');
    directory.login('s2', 'ann');
    expect(directory.login('s1', 'Ann')).toEqual({ ok: false, error: 'name-taken' });
    expect(directory.whoIs('s1')).toEqual({ name: 'bob', key: 'bob' });
  });

  it('frees a name on logout at once, with no reservation', () => {
    const { directory } = setup();
    directory.login('s1', 'bob');
    expect(directory.logout('s1')).toEqual({ name: 'bob', key: 'bob' });
    expect(directory.logout('s1')).toBeUndefined();
    expect(directory.login('s2', 'bob')).toMatchObject({ ok: true });
  });
});

describe('names per address', () => {
  it('refuses a name past maxPerAddress from one address, counting neither a rename nor other addresses', () => {
    const directory = createDirectory({ clock: () => 0, randomBytes: (n) => new Uint8Array(n).fill(1), maxPerAddress: 2 });
    expect(directory.login('s1', 'ann', undefined, '10.0.0.1')).toMatchObject({ ok: true });
    expect(directory.login('s2', 'bob', undefined, '10.0.0.1')).toMatchObject({ ok: true });
    expect(directory.login('s3', 'cat', undefined, '10.0.0.1')).toEqual({ ok: false, error: 'too-many-names' });
    expect(directory.login('s2', 'bea', undefined, '10.0.0.1')).toMatchObject({ ok: true, previous: 'bob' });
    expect(directory.login('s4', 'dan', undefined, '10.0.0.2')).toMatchObject({ ok: true });
    directory.logout('s1');
    expect(directory.login('s3', 'cat', undefined, '10.0.0.1')).toMatchObject({ ok: true });
  });
});

describe('keeping a name across a disconnect', () => {
  it('reserves the name for 15 s: others are refused, the owner takes it back with the token on a new socket', () => {
    const { directory, advance } = setup();
    const kept = token(directory.login('s1', 'bob'));
    expect(directory.disconnect('s1')).toEqual({ name: 'bob', key: 'bob' });
    expect(directory.socketOf('bob')).toBeUndefined();
    advance(NAME_RESERVE_MS - 1);
    expect(directory.login('s2', 'bob')).toEqual({ ok: false, error: 'name-taken' });
    expect(directory.login('s3', 'BOB', kept)).toEqual({ ok: true, name: 'BOB', key: 'bob', token: kept });
    expect(directory.socketOf('bob')).toBe('s3');
  });

  it('frees the name exactly 15 s after the disconnect, and the old token then claims nothing special', () => {
    const { directory, advance } = setup();
    const old = token(directory.login('s1', 'bob'));
    directory.disconnect('s1');
    advance(NAME_RESERVE_MS);
    const stranger = directory.login('s2', 'bob');
    expect(stranger).toMatchObject({ ok: true, name: 'bob' });
    expect(token(stranger)).not.toBe(old);
    expect(directory.login('s3', 'bob', old)).toEqual({ ok: false, error: 'name-taken' });
  });

  it('honours an injected reservation time', () => {
    const { directory, advance } = setup(2_000);
    directory.login('s1', 'bob');
    directory.disconnect('s1');
    advance(1_999);
    expect(directory.login('s2', 'bob')).toMatchObject({ ok: false });
    advance(1);
    expect(directory.login('s2', 'bob')).toMatchObject({ ok: true });
  });

  it('lets the token take the name from a socket the server still thinks is connected, and says which', () => {
    const { directory } = setup();
    const kept = token(directory.login('old', 'bob'));
    expect(directory.login('new', 'bob', kept)).toEqual({ ok: true, name: 'bob', key: 'bob', token: kept, displaced: 'old' });
    expect(directory.whoIs('old')).toBeUndefined();
    expect(directory.disconnect('old')).toBeUndefined();
    expect(directory.socketOf('bob')).toBe('new');
  });

  it('restarts the 15 s on a second disconnect after taking the name back', () => {
    const { directory, advance } = setup();
    const kept = token(directory.login('s1', 'bob'));
    directory.disconnect('s1');
    advance(10_000);
    directory.login('s2', 'bob', kept);
    directory.disconnect('s2');
    advance(10_000);
    expect(directory.login('s3', 'bob')).toEqual({ ok: false, error: 'name-taken' });
    expect(directory.login('s3', 'bob', kept)).toMatchObject({ ok: true });
  });

  it('forgets expired reservations on sweep and keeps live ones', () => {
    const { directory, advance } = setup();
    const first = token(directory.login('s1', 'ann'));
    directory.disconnect('s1');
    advance(10_000);
    directory.login('s2', 'bob');
    directory.disconnect('s2');
    advance(5_000);
    directory.sweep();
    expect(directory.login('s3', 'ann', first)).toMatchObject({ ok: true, token: expect.not.stringMatching(first) });
    expect(directory.login('s4', 'bob')).toEqual({ ok: false, error: 'name-taken' });
  });
});

describe('the people list', () => {
  it('lists everyone signed in but the viewer, sorted by key in code point order, with busy flags', () => {
    const { directory } = setup();
    for (const [socket, name] of [
      ['s1', 'carol'],
      ['s2', 'Bob'],
      ['s3', '张伟'],
      ['s4', 'ann'],
      ['s5', 'Émile'],
    ])
      directory.login(socket!, name);
    const roster = directory.roster((socket) => socket === 's2');
    expect(peopleFor(roster, 's1').list).toEqual([
      { name: 'ann', busy: false },
      { name: 'Bob', busy: true },
      { name: 'Émile', busy: false },
      { name: '张伟', busy: false },
    ]);
    expect(peopleFor(roster, 'nobody')).toMatchObject({ list: { length: 5 }, total: 5 });
  });

  it('sends a viewer at most `max` names, the first in order, and counts them all', () => {
    const { directory } = setup();
    for (const [socket, name] of [
      ['s1', 'carol'],
      ['s2', 'Bob'],
      ['s3', 'dan'],
      ['s4', 'ann'],
    ])
      directory.login(socket!, name);
    expect(peopleFor(directory.roster(nobodyBusy), 's1', 2)).toEqual({
      list: [
        { name: 'ann', busy: false },
        { name: 'Bob', busy: false },
      ],
      total: 3,
    });
  });

  it('leaves out reserved names: a disconnected person is not online', () => {
    const { directory } = setup();
    directory.login('s1', 'ann');
    directory.login('s2', 'bob');
    directory.disconnect('s2');
    expect(peopleFor(directory.roster(nobodyBusy), 's1')).toEqual({ list: [], total: 0 });
  });
});

describe('directory invariants', () => {
  it('never gives one name to two sockets nor two names to one socket, whatever happens', () => {
    const sockets = ['s1', 's2', 's3'];
    const names = ['bob', 'BOB', 'ann', 'Ann ', 'x/y'];
    const op = fc.oneof(
      fc.record({ kind: fc.constant('login' as const), socket: fc.constantFrom(...sockets), name: fc.constantFrom(...names), useToken: fc.boolean() }),
      fc.record({ kind: fc.constantFrom('logout' as const, 'disconnect' as const), socket: fc.constantFrom(...sockets) }),
      fc.record({ kind: fc.constant('wait' as const), ms: fc.integer({ min: 0, max: 20_000 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const { directory, advance } = setup();
        const tokens = new Map<string, string>();
        for (const step of ops) {
          if (step.kind === 'wait') advance(step.ms);
          else if (step.kind === 'login') {
            const result = directory.login(step.socket, step.name, step.useToken ? tokens.get(step.name.trim().toLowerCase()) : undefined);
            if (result.ok) tokens.set(result.key, result.token);
          } else directory[step.kind](step.socket);
          const roster = directory.roster(nobodyBusy);
          expect(new Set(roster.map((p) => p.socketId)).size).toBe(roster.length);
          expect(new Set(roster.map((p) => p.name.toLowerCase())).size).toBe(roster.length);
          expect(roster).toHaveLength(directory.size);
          for (const entry of roster) expect(directory.socketOf(directory.whoIs(entry.socketId)!.key)).toBe(entry.socketId);
        }
      }),
    );
  });
});
