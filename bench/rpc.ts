/**
 * Parent/child plumbing for the benchmark: forked processes answer named
 * commands over IPC; every call has a timeout and every child is killed on exit.
 */
import { fork, type ChildProcess } from 'node:child_process';

interface Request {
  id: number;
  cmd: string;
  args: unknown;
}
type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: string } | { ready: unknown };

export interface Child {
  readonly name: string;
  readonly proc: ChildProcess;
  /** What the child sent with `ready(...)`. */
  readonly ready: Promise<unknown>;
  call<T>(cmd: string, args?: unknown, timeoutMs?: number): Promise<T>;
  stop(): Promise<void>;
}

const running = new Set<ChildProcess>();
let hooked = false;

function killAll(): void {
  for (const proc of running) if (proc.pid !== undefined && proc.exitCode === null) proc.kill('SIGKILL');
}

export function startChild(
  name: string,
  script: string,
  args: string[],
  options: { execArgv?: string[]; log?: number | 'ignore' | 'inherit'; env?: NodeJS.ProcessEnv } = {},
): Child {
  if (!hooked) {
    hooked = true;
    process.on('exit', killAll);
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => (killAll(), process.exit(130)));
  }
  const log = options.log ?? 'inherit';
  const proc = fork(script, args, { execArgv: options.execArgv ?? [], env: options.env ?? process.env, stdio: ['ignore', log, 'inherit', 'ipc'] });
  running.add(proc);
  let nextId = 1;
  const pending = new Map<number, { ok: (v: unknown) => void; fail: (e: Error) => void }>();
  let markReady: (value: unknown) => void = () => {};
  let failReady: (error: Error) => void = () => {};
  const ready = new Promise<unknown>((ok, fail) => ((markReady = ok), (failReady = fail)));
  const readyTimer = setTimeout(() => failReady(new Error(`${name} did not start within 30 s`)), 30_000);
  proc.on('message', (raw: Reply) => {
    if ('ready' in raw) return (clearTimeout(readyTimer), markReady(raw.ready));
    const waiter = pending.get(raw.id);
    if (!waiter) return;
    pending.delete(raw.id);
    if (raw.ok) waiter.ok(raw.value);
    else waiter.fail(new Error(`${name}: ${raw.error}`));
  });
  proc.on('exit', (code, signal) => {
    running.delete(proc);
    clearTimeout(readyTimer);
    const error = new Error(`${name} exited (${signal ?? code})`);
    failReady(error);
    for (const waiter of pending.values()) waiter.fail(error);
    pending.clear();
  });
  return {
    name,
    proc,
    ready,
    call<T>(cmd: string, args: unknown = null, timeoutMs = 120_000): Promise<T> {
      const id = nextId++;
      return new Promise<T>((ok, fail) => {
        const timer = setTimeout(() => (pending.delete(id), fail(new Error(`${name}: ${cmd} took over ${timeoutMs} ms`))), timeoutMs);
        pending.set(id, { ok: (v) => (clearTimeout(timer), ok(v as T)), fail: (e) => (clearTimeout(timer), fail(e)) });
        proc.send({ id, cmd, args } satisfies Request);
      });
    },
    stop() {
      if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
      return new Promise((resolve) => {
        const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
        proc.once('exit', () => (clearTimeout(timer), resolve()));
        proc.kill('SIGTERM');
      });
    },
  };
}

export type Handlers = Record<string, (args: never) => unknown>;

/** In a child: answers the parent's commands and exits when the parent goes away. */
export function serve(handlers: Handlers, readyValue: unknown): void {
  process.on('disconnect', () => process.exit(0));
  process.on('SIGTERM', () => process.exit(0));
  process.on('message', (raw: Request) => {
    const handler = handlers[raw.cmd];
    const reply = (message: Reply) => process.send?.(message);
    if (!handler) return reply({ id: raw.id, ok: false, error: `unknown command ${raw.cmd}` });
    Promise.resolve()
      .then(() => handler(raw.args as never))
      .then(
        (value) => reply({ id: raw.id, ok: true, value }),
        (error: unknown) => reply({ id: raw.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
      );
  });
  process.send?.({ ready: readyValue } satisfies Reply);
}
