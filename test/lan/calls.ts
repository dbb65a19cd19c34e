/**
 * The entry side of test/support/nsproc.ts: answers the test's calls over IPC.
 */

/** For entries: answers `{ id, op, args }` messages with `handlers[op](...args)`. */
export function serveCalls(handlers: Record<string, (...args: never[]) => unknown>): void {
  process.on('message', (message: { id: number; op: string; args: never[] }) => {
    const handler = handlers[message.op];
    Promise.resolve()
      .then(() => {
        if (!handler) throw new Error(`unknown op ${message.op}`);
        return handler(...message.args);
      })
      .then(
        (value) => process.send?.({ id: message.id, ok: true, value }),
        (error: unknown) => process.send?.({ id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
      );
  });
  process.on('disconnect', () => process.exit(0)); // the test process is gone: do not linger
}
