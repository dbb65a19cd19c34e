/**
 * A peer whose process freezes (SIGSTOP: no TCP close, no pong) must be reported
 * to the other side with `bye` within 10 seconds.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { describe, expect, inject, it, onTestFinished } from 'vitest';
import { joinRoom, newServer, next } from '../support/server.js';

/** The fixture peer joining `room`, killed (even if stopped) when the test finishes. */
function spawnPeer(url: string, caFile: string, room: string): ChildProcess {
  const child = spawn(process.execPath, ['test/integration/fixtures/peer.mjs', url, caFile, room], { stdio: ['ignore', 'pipe', 'inherit'] });
  onTestFinished(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  });
  return child;
}

describe('dead-peer detection', () => {
  it('tells the other peer "bye" within 10 s when a peer freezes without closing its connection', async () => {
    const running = await newServer();
    const alice = await running.client();
    expect(await joinRoom(alice, 'frozen-room')).toMatchObject({ ok: true });
    const otherJoined = next(alice, 'otherjoin', 10_000);

    const caFile = join(inject('certsDir'), 'ca.pem');
    const child = spawnPeer(running.url, caFile, 'frozen-room');
    const [, peerId] = await otherJoined;

    const bye = next(alice, 'bye', 12_000);
    const frozenAt = Date.now();
    child.kill('SIGSTOP');
    const [room, id] = await bye;
    const elapsed = Date.now() - frozenAt;
    expect([room, id]).toEqual(['frozen-room', peerId]);
    expect(elapsed).toBeLessThanOrEqual(10_000);
    expect(running.server.rooms!.others('frozen-room', alice.id!)).toEqual([]);
  }, 30_000);
});
