/**
 * Calls by name against a fake clock: the 15 s name reservation after a disconnect
 * with its token, and the ring timeout (RING_TIMEOUT_S), driven through createServer's
 * injected clock and timers.
 */
import { describe, expect, it } from 'vitest';
import { PEOPLE_DEFAULTS } from '../../src/server/config/people-config.js';
import { fakeClock, type FakeClock } from '../support/fake-clock.js';
import { ask, login, ring, signedIn, signIn } from '../support/people.js';
import { newServer, record, roundTrip, type Client, type Running } from '../support/server.js';

let time: FakeClock;

async function start(ringTimeoutS = PEOPLE_DEFAULTS.ringTimeoutS): Promise<Running> {
  time = fakeClock();
  return newServer({ clock: time.clock, timers: time.timers }, { people: { ...PEOPLE_DEFAULTS, ringTimeoutS } });
}

/** Disconnects `socket` and waits until the server has handled it (`witness` round-trips after). */
async function drop(server: Running, socket: Client, witness: Client): Promise<void> {
  const id = socket.id!;
  socket.disconnect();
  await expect.poll(() => server.server.io.sockets.sockets.has(id), { timeout: 3000 }).toBe(false);
  await roundTrip(witness);
}

describe('a name after a disconnect', () => {
  it('stays reserved for 15 s: others get name-taken, the token takes it back on a new connection', async () => {
    const server = await start();
    const [ann, other] = [await server.client(), await server.client()];
    const { token } = await signIn(ann, 'Ann');
    await drop(server, ann, other);
    time.advance(14_999);
    expect(await login(other, 'ann')).toEqual({ ok: false, error: 'name-taken' });
    const back = await server.client();
    expect(await login(back, 'Ann', token)).toEqual({ ok: true, name: 'Ann', token });
  });

  it('is free for anyone 15 s after the disconnect, and the old token then proves nothing', async () => {
    const server = await start();
    const [ann, other] = [await server.client(), await server.client()];
    const { token } = await signIn(ann, 'Ann');
    await drop(server, ann, other);
    time.advance(15_000);
    expect(await login(other, 'ANN')).toMatchObject({ ok: true, name: 'ANN' });
    const late = await server.client();
    expect(await login(late, 'Ann', token)).toEqual({ ok: false, error: 'name-taken' });
  });

  it('refuses a wrong token during the reservation', async () => {
    const server = await start();
    const [ann, other] = [await server.client(), await server.client()];
    await signIn(ann, 'Ann');
    await drop(server, ann, other);
    expect(await login(other, 'Ann', 'A'.repeat(22))).toEqual({ ok: false, error: 'name-taken' });
  });
});

describe('a ring nobody answers', () => {
  it('ends after RING_TIMEOUT_S with unavailable(to, no-answer) to the caller and cancelled(from) to the person called', async () => {
    const server = await start(5);
    const [ann, bob] = await signedIn(server, 'Ann', 'Bob');
    await ring(ann, bob, 'Bob');
    const annHears = record(ann, 'unavailable');
    const bobHears = record(bob, 'cancelled');
    time.advance(4_999);
    await roundTrip(ann, bob);
    expect(annHears).toEqual([]);
    time.advance(1);
    await expect.poll(() => annHears, { timeout: 3000 }).toEqual([['Bob', 'no-answer']]);
    await expect.poll(() => bobHears, { timeout: 3000 }).toEqual([['Ann']]);
    expect(await ask(bob, 'accept', 'Ann')).toEqual({ ok: false, error: 'no-such-call' });
  });

  it('lasts 30 s by default', async () => {
    const server = await start();
    const [ann, bob] = await signedIn(server, 'Ann', 'Bob');
    await ring(ann, bob, 'Bob');
    const annHears = record(ann, 'unavailable');
    time.advance(29_999);
    await roundTrip(ann);
    expect(annHears).toEqual([]);
    time.advance(1);
    await expect.poll(() => annHears, { timeout: 3000 }).toEqual([['Bob', 'no-answer']]);
  });

  it('leaves no timer behind once the server is closed', async () => {
    const server = await start();
    const [ann, bob] = await signedIn(server, 'Ann', 'Bob');
    await ring(ann, bob, 'Bob');
    expect(time.pending).toBe(1);
    await server.close();
    expect(time.pending).toBe(0);
  });
});
