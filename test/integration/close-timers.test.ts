import { AsyncLocalStorage, createHook } from 'node:async_hooks';
import { afterAll, describe, expect, it } from 'vitest';
import { startCall } from '../support/signal-call.js';
import { startServer } from '../support/server.js';

/**
 * The timers started inside `mine.run(...)`: by the server the test starts there, its sockets and
 * its clients (their callbacks run in the context they were made in). The worker process runs other
 * test files before this one (`isolate: false`), so counting every timer of the process counted
 * theirs too: a client of another file still reconnecting made this test fail once.
 */
const mine = new AsyncLocalStorage<true>();
const live = new Set<number>();
const hook = createHook({
  init(id, type) {
    if (type === 'Timeout' && mine.getStore()) live.add(id);
  },
  destroy(id) {
    live.delete(id);
  },
}).enable();
afterAll(() => void hook.disable());

describe('close()', () => {
  it('stops every timer the server started, heartbeats included', async () => {
    await mine.run(true, async () => {
      const running = await startServer();
      const call = await startCall(running, 'timers');
      await call.negotiate(3);
      await running.client(); // one more connection that never joins (its connect timeout is a timer too)
      expect(live.size).toBeGreaterThan(0);
      await running.close();
    });
    await new Promise((ok) => setTimeout(ok, 100));
    expect(live.size).toBe(0);
  });

  it('stops its timers when closed during a shutdown grace period', async () => {
    await mine.run(true, async () => {
      const running = await startServer();
      await running.client();
      await running.server.shutdown(200);
      await running.close();
    });
    await new Promise((ok) => setTimeout(ok, 100));
    expect(live.size).toBe(0);
  });
});
