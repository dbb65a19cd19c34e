import { describe, expect, it } from 'vitest';
import { pollingClient } from '../support/polling.js';
import { newServer } from '../support/server.js';

/** Waits until `done()` or `ms` passed. */
async function until(done: () => boolean, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done() && Date.now() < deadline) await new Promise((ok) => setTimeout(ok, 20));
}

describe('per-socket state after disconnect', () => {
  it('keeps no rate-limit state for sockets that are gone, however their last packets are ordered', async () => {
    const running = await newServer();
    const live = await running.client(); // one socket that stays
    const cycles = 1500;
    const workers = 4;
    // each cycle: a polling session connects, then one POST disconnects, sends an event after that and closes
    const orders = [
      ['41', '42["join","leak"]', '1'],
      ['41', '42["message","leak",{}]', '1'],
    ];
    await Promise.all(
      Array.from({ length: workers }, async (_, w) => {
        const client = pollingClient(running!.port, running!.ca);
        try {
          for (let i = w; i < cycles; i += workers) {
            const sid = await client.open();
            await client.post(sid, ['40']);
            await client.post(sid, orders[i % orders.length]!);
          }
        } finally {
          client.destroy();
        }
      }),
    );
    await until(() => running!.server.io.engine.clientsCount === 1, 5000);
    await until(() => running!.server.guard.tracked.sockets <= 1, 2000);
    expect(running.server.io.engine.clientsCount).toBe(1);
    expect(running.server.guard.tracked.sockets).toBeLessThanOrEqual(1);
    expect(live.connected).toBe(true);
  }, 60_000);
});
