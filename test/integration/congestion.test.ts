import { describe, expect, it } from 'vitest';
import { queuedBytes, type QueuedConnection } from '../../src/server/socket/backpressure.js';
import { DEFAULT_LIMITS } from '../../src/server/config/config.js';
import { startCall } from '../support/signal-call.js';
import { type Client, joinRoom, newServer, record } from '../support/server.js';

/** Stops reading the client's WebSocket, as a peer that stops reading would. */
function pauseReading(client: Client): void {
  const transport = client.io.engine.transport as unknown as { ws: { _socket: { pause(): void; resume(): unknown } } };
  const socket = transport.ws._socket;
  socket.pause();
  socket.resume = () => socket; // ws resumes a paused socket once its parser drains; this reader never does
}

const BLOB = 'x'.repeat(20_000); // about the largest string MAX_MESSAGE_BYTES lets through (counted 3 bytes a character)

describe('a peer that stops reading', () => {
  it('costs the server a bounded amount of memory, the senders get peer-congested, and a call elsewhere is unaffected', async () => {
    const running = await newServer({}, { limits: { ...DEFAULT_LIMITS, maxCongestedMs: 500 } });
    const call = await startCall(running, 'steady-call', { localAddress: '127.0.3.100' });
    const pairs = await Promise.all(
      [1, 2, 3].map(async (n) => {
        const reader = await running!.client({ localAddress: `127.0.3.${n}` });
        const sender = await running!.client({ localAddress: `127.0.4.${n}` });
        await joinRoom(reader, `stalled-${n}`);
        await joinRoom(sender, `stalled-${n}`);
        return { room: `stalled-${n}`, reader, readerId: reader.id!, sender, errors: record(sender, 'error') };
      }),
    );
    // what the server holds for its connections (the test's own process also runs the clients, so its RSS says little)
    let peakQueued = 0;
    const sample = setInterval(() => {
      let queued = 0;
      const { clients } = running!.server.io.engine as unknown as { clients: Record<string, QueuedConnection> };
      for (const conn of Object.values(clients)) queued += queuedBytes(conn);
      peakQueued = Math.max(peakQueued, queued);
    }, 50);
    try {
      for (const { reader } of pairs) pauseReading(reader);
      // within the rate limits: a burst of 200, then 60 a second for 4 s
      const started = Date.now();
      let sent = 0;
      let lastNegotiation = 0;
      while (Date.now() - started < 4000) {
        const due = 200 + Math.floor(((Date.now() - started) / 1000) * 60);
        for (; sent < due; sent++) for (const { sender, room } of pairs) sender.emit('message', room, { type: 'blob', blob: BLOB });
        // the legitimate call negotiates every 250 ms, like a person's restarts, whatever the machine's speed
        // (every loop turn would send over a thousand messages on a quiet machine and meet the rate limit itself)
        if (Date.now() - lastNegotiation >= 250) {
          lastNegotiation = Date.now();
          await call.negotiate(10);
        }
        await new Promise((ok) => setTimeout(ok, 20));
      }
    } finally {
      clearInterval(sample);
    }
    await call.negotiate(20);
    expect(call.problems).toEqual([]);
    for (const { sender } of pairs) expect(sender.connected).toBe(true);
    // senders hear peer-congested (a stalled reader may also be dropped first by the heartbeat on a slow machine)
    expect(pairs.some(({ errors }) => errors.some(([e]) => e.code === 'peer-congested'))).toBe(true);
    const deadline = Date.now() + 10_000;
    const gone = () => pairs.every(({ readerId }) => !running!.server.io.sockets.sockets.has(readerId));
    while (!gone() && Date.now() < deadline) await new Promise((ok) => setTimeout(ok, 50));
    expect(gone()).toBe(true);
    expect(peakQueued).toBeLessThan(3 * 2 * DEFAULT_LIMITS.maxQueuedBytes);
  }, 60_000);
});
