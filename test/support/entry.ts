/**
 * Spawning the built entry point (dist/src/server/main.js) as `npm start` runs it:
 * free ports, collected output, waits with timeouts, and a kill for afterEach.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { expect } from 'vitest';

export const ENTRY = 'dist/src/server/main.js';

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => ok(port));
    });
  });
}

export interface Entry {
  child: ChildProcess;
  /** Everything printed so far, stdout and stderr together. */
  output(): string;
  /** Waits until the output contains `text` (or fails after `timeoutMs`). */
  waitFor(text: string, timeoutMs?: number): Promise<void>;
  /** Resolves with the exit code once the process has ended (fails after `timeoutMs`). */
  exited(timeoutMs?: number): Promise<number | null>;
  kill(): void;
}

export function spawnEntry(env: Record<string, string>, options: { cwd?: string; command?: string; args?: string[]; uid?: number; gid?: number } = {}): Entry {
  const child = spawn(options.command ?? process.execPath, options.args ?? [ENTRY], {
    cwd: options.cwd,
    uid: options.uid,
    gid: options.gid,
    env: { ...process.env, HTTP_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (text += chunk.toString()));
  const exit = once(child, 'exit').then(([code]) => code as number | null);
  return {
    child,
    output: () => text,
    async waitFor(wanted, timeoutMs = 30_000) {
      await expect.poll(() => text, { timeout: timeoutMs, interval: 100 }).toContain(wanted);
    },
    exited(timeoutMs = 30_000) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<never>((_ok, fail) => {
        timer = setTimeout(() => fail(new Error(`still running after ${timeoutMs} ms:\n${text}`)), timeoutMs);
      });
      return Promise.race([exit, late]).finally(() => clearTimeout(timer));
    },
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
