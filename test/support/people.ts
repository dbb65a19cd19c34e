/**
 * Helpers for socket-level tests of calls by name: sign in with an acknowledgement, and the
 * people requests with one.
 */
import type { LoginResult } from '../../src/shared/events.js';
import { expect } from 'vitest';
import { next, type Client, type Running } from './server.js';
import { EVENT_WAIT_MS } from './waits.js';

/** Signs `socket` in as `name` (with `token` when given) and returns the acknowledgement. */
export function login(socket: Client, name: string, token?: string): Promise<LoginResult> {
  const ask = socket.timeout(EVENT_WAIT_MS);
  return (token === undefined ? ask.emitWithAck('login', name) : ask.emitWithAck('login', name, token)) as Promise<LoginResult>;
}

/** Signs `socket` in as `name` and fails the test if that is refused. */
export async function signIn(socket: Client, name: string): Promise<{ name: string; token: string }> {
  const reply = await login(socket, name);
  if (!reply.ok) throw new Error(`login as ${name} refused: ${reply.error}`);
  return reply;
}

type Request = 'logout' | 'call' | 'cancel' | 'accept' | 'decline' | 'block' | 'hangup';

/** Sends a people request with an acknowledgement and returns the reply. */
export function ask(socket: Client, event: Request, ...args: string[]): Promise<{ ok: boolean; [key: string]: unknown }> {
  return (socket.timeout(EVENT_WAIT_MS).emitWithAck as (event: string, ...args: unknown[]) => Promise<{ ok: boolean }>)(event, ...args);
}

/** One connection per name, each signed in, in order. */
export async function signedIn<N extends string[]>(duet: Running, ...names: N): Promise<{ [K in keyof N]: Client }> {
  const sockets: Client[] = [];
  for (const name of names) {
    const socket = await duet.client();
    await signIn(socket, name);
    sockets.push(socket);
  }
  return sockets as { [K in keyof N]: Client };
}

/** `caller` rings `name` (on `callee`'s connection) and both have heard of it. */
export async function ring(caller: Client, callee: Client, name: string): Promise<void> {
  const incoming = next(callee, 'incoming');
  const ringing = next(caller, 'ringing');
  expect(await ask(caller, 'call', name)).toEqual({ ok: true, to: expect.any(String) });
  await Promise.all([incoming, ringing]);
}
