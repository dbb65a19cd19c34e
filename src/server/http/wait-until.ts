/** Resolves once `done()` is true or after `ms`, polling every 50 ms; leaves no timer behind. */
export function waitUntil(done: () => boolean, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const started = Date.now();
    const tick = () => {
      if (done() || Date.now() - started >= ms) return resolve();
      setTimeout(tick, 50);
    };
    tick();
  });
}
