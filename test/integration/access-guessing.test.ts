/**
 * Guessing ACCESS_CODE from many addresses: the server-wide budget of wrong codes, after which
 * every code is refused unread for a while (except from an address that gave the right code),
 * and the few tries one Engine.IO connection gets however many CONNECT packets it sends.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { ACCESS_FAILURES_PER_CONNECTION } from '../../src/server/admission/access-gate.js';
import { PEOPLE_DEFAULTS } from '../../src/server/config/people-config.js';
import { guessOnOneConnection } from '../support/raw-guess.js';
import { newServer, type Running } from '../support/server.js';

const CODE = 'open sesame 芝麻';
const BUDGET = 20;

let duet: Running;
beforeEach(async () => {
  // the budget refills with time (BUDGET a minute): a clock that stands still keeps a slow run from refilling it
  const now = Date.now();
  duet = await newServer({ clock: () => now }, { people: { ...PEOPLE_DEFAULTS, accessCode: CODE, accessGuessesPerMinute: BUDGET, accessLockoutS: 600 } });
});

const outcome = (promise: Promise<unknown>) =>
  promise.then(
    () => 'connected',
    (error: Error) => error.message,
  );

describe('the server-wide budget of wrong access codes', () => {
  it('refuses every code, the right one too, once many addresses spent it, but lets an address that gave the right code in', async () => {
    expect(await outcome(duet.client({ localAddress: '127.0.2.1', auth: { code: CODE } }))).toBe('connected');
    // one wrong code from each of BUDGET + 1 addresses: no address is near its own limit
    for (let i = 1; i <= BUDGET + 1; i++) {
      expect(await outcome(duet.client({ localAddress: `127.0.1.${i}`, auth: { code: `guess ${i}` } })), `guess ${i}`).toBe('access-denied');
    }
    expect(await outcome(duet.client({ localAddress: '127.0.1.200', auth: { code: CODE } }))).toBe('rate-limited');
    expect(await outcome(duet.client({ localAddress: '127.0.3.1', auth: { code: 'guess' } }))).toBe('rate-limited');
    expect(await outcome(duet.client({ localAddress: '127.0.2.1', auth: { code: CODE } }))).toBe('connected');
    const metrics = await duet.server.metrics.registry.metrics();
    expect(metrics).toContain('duet_access_lockouts_total 1');
    expect(metrics).toContain('duet_access_refusals_total{reason="wrong-code"} 21');
    expect(metrics).toContain('duet_access_refusals_total{reason="server-lockout"} 2');
  });

  it('takes wrong codes below the budget without refusing anyone', async () => {
    for (let i = 1; i <= BUDGET; i++) {
      expect(await outcome(duet.client({ localAddress: `127.0.4.${i}`, auth: { code: `guess ${i}` } }))).toBe('access-denied');
    }
    expect(await outcome(duet.client({ localAddress: '127.0.4.200', auth: { code: CODE } }))).toBe('connected');
  });
});

describe('CONNECT packets retried on one connection', () => {
  it('count as guesses, and the connection is closed after a few', async () => {
    const codes = Array.from({ length: 10 }, (_, i) => `guess ${i}`);
    const run = await guessOnOneConnection(duet.port, duet.ca, codes, '127.0.5.1');
    expect(run).toEqual({ answers: Array(ACCESS_FAILURES_PER_CONNECTION).fill('access-denied'), closed: true });
  });

  it('still let the right code in on a later try of the same connection', async () => {
    expect(await guessOnOneConnection(duet.port, duet.ca, ['guess', CODE], '127.0.5.2')).toEqual({ answers: ['access-denied', 'connected'], closed: false });
  });
});
