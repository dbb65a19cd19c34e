/**
 * Calls by name under abuse and with DIRECTORY=off: login and ring requests count
 * against the join rate limit, so a script cannot ring someone a thousand times; no `people`
 * list is ever sent when the directory is off.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../src/server/config/config.js';
import { PEOPLE_DEFAULTS } from '../../src/server/config/people-config.js';
import { ask, login, ring, signedIn } from '../support/people.js';
import { newServer, record, roundTrip } from '../support/server.js';

describe('rate limits on calls by name', () => {
  it('refuses a flood of rings with rate-limited, so the person called hears only a few', async () => {
    const duet = await newServer();
    const [ann, bob] = await signedIn(duet, 'Ann', 'Bob');
    const incoming = record(bob, 'incoming');
    const replies: unknown[] = [];
    for (let i = 0; i < 20; i++) {
      replies.push(await ask(ann, 'call', 'Bob'));
      replies.push(await ask(ann, 'cancel'));
    }
    expect(replies).toContainEqual({ ok: false, error: 'rate-limited' });
    await roundTrip(ann, bob);
    expect(incoming.length).toBeGreaterThan(0);
    expect(incoming.length).toBeLessThanOrEqual(DEFAULT_LIMITS.joinBurst);
  });

  it('refuses a flood of logins with rate-limited', async () => {
    const duet = await newServer();
    const ann = await duet.client();
    const replies = [];
    for (let i = 0; i < DEFAULT_LIMITS.joinBurst + 5; i++) replies.push(await login(ann, `Ann ${i}`));
    expect(replies.slice(0, DEFAULT_LIMITS.joinBurst).every((r) => r.ok)).toBe(true);
    expect(replies.slice(DEFAULT_LIMITS.joinBurst)).toContainEqual({ ok: false, error: 'rate-limited' });
  });
});

describe('DIRECTORY=off', () => {
  it('sends no people list, and a call by the exact name still rings', async () => {
    const duet = await newServer({}, { people: { ...PEOPLE_DEFAULTS, directory: false } });
    const [ann, bob] = await signedIn(duet, 'Ann', 'Bob');
    const lists = [record(ann, 'people'), record(bob, 'people')];
    await ring(ann, bob, 'bob');
    await ask(ann, 'cancel');
    await roundTrip(ann, bob);
    expect(lists).toEqual([[], []]);
  });
});
