import { describe, expect, it } from 'vitest';
import { startCall } from '../support/signal-call.js';
import { startServer } from '../support/server.js';

const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;

describe('close()', () => {
  it('stops every timer the server started, heartbeats included', async () => {
    const before = timers();
    const running = await startServer();
    const call = await startCall(running, 'timers');
    await call.negotiate(3);
    await running.client(); // one more connection that never joins (its connect timeout is a timer too)
    expect(timers()).toBeGreaterThan(before);
    await running.close();
    await new Promise((ok) => setTimeout(ok, 100));
    expect(timers()).toBeLessThanOrEqual(before);
  });

  it('stops its timers when closed during a shutdown grace period', async () => {
    const before = timers();
    const running = await startServer();
    await running.client();
    await running.server.shutdown(200);
    await running.close();
    await new Promise((ok) => setTimeout(ok, 100));
    expect(timers()).toBeLessThanOrEqual(before);
  });
});
