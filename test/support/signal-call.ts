/**
 * A real two-peer call for hardening tests: two clients in one room exchanging
 * tutorial-shaped offers, answers and candidates, with every step checked.
 */
import { expect } from 'vitest';
import type { Client, Running } from './server.js';
import { joinRoom, next } from './server.js';

export interface Call {
  a: Client;
  b: Client;
  room: string;
  /** Offer, answer and `candidates` candidates each way (an ICE restart is just another round). */
  negotiate(candidates?: number): Promise<void>;
  /** Refusals and rate-limit errors seen by either peer. */
  problems: string[];
}

const SDP = 'v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0\r\n';

function candidate(i: number) {
  return { type: 'candidate', label: 0, id: '0', candidate: `candidate:${i} 1 udp 2122260223 192.0.2.${i % 250} ${50000 + i} typ host` };
}

export async function startCall(running: Running, room: string, options: { localAddress?: string } = {}): Promise<Call> {
  const a = await running.client(options);
  const b = await running.client(options);
  const problems: string[] = [];
  for (const peer of [a, b]) peer.on('error', (e) => problems.push(`${e.code} on ${e.event}`));
  expect(await joinRoom(a, room), 'first peer joins').toMatchObject({ ok: true });
  const other = next(a, 'otherjoin');
  expect(await joinRoom(b, room), 'second peer joins').toMatchObject({ ok: true });
  await other;

  /** Sends every payload at once (as a browser does with trickled candidates) and checks each arrives unchanged. */
  async function burst(from: Client, to: Client, list: object[]): Promise<void> {
    const seen: string[] = [];
    const onMessage = (_room: string, data: unknown) => void seen.push(JSON.stringify(data));
    to.on('message', onMessage);
    try {
      const replies = await Promise.all(
        list.map((data) => from.timeout(5000).emitWithAck('message', room, data as never) as Promise<{ ok: boolean; error?: string }>),
      );
      for (const reply of replies) if (!reply.ok) problems.push(`${reply.error} on message`);
      const deadline = Date.now() + 5000;
      while (seen.length < list.length && Date.now() < deadline) await new Promise((ok) => setTimeout(ok, 10));
      if (seen.join('\n') !== list.map((d) => JSON.stringify(d)).join('\n')) problems.push(`relayed ${seen.length}/${list.length} unchanged in order`);
    } finally {
      to.off('message', onMessage);
    }
  }

  return {
    a,
    b,
    room,
    problems,
    async negotiate(candidates = 30) {
      const trickle = (from: number) => Array.from({ length: candidates }, (_, i) => candidate(from + i));
      await burst(a, b, [{ type: 'offer', sdp: SDP }, ...trickle(0)]);
      await burst(b, a, [{ type: 'answer', sdp: SDP }, ...trickle(1000)]);
    },
  };
}
