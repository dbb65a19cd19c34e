/**
 * Spawning the built entry point (dist/src/server/main.js) as `npm start` runs it:
 * collected output, waits with timeouts, and a kill for afterEach. `spawnDuet` lets
 * duet pick its own port (PORT=0) and reads it from the banner: no free-port race.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { expect } from 'vitest';

export { freePort } from './free-port.js';

export const ENTRY = 'dist/src/server/main.js';

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

export interface RunningDuet extends Entry {
  /** The HTTPS port duet bound, as its banner prints it. */
  port: number;
}

/** How long a start may take on a loaded machine before the test gives up. */
export const START_TIMEOUT_MS = 60_000;

/**
 * Starts the built entry point on PORT=0 (no helper port unless `env` sets HTTP_PORT) and
 * resolves once the banner names the port it bound. On failure the child is killed before
 * the error is thrown; the caller still kills it in cleanup once it has it.
 */
export async function spawnDuet(env: Record<string, string> = {}, options: Parameters<typeof spawnEntry>[1] = {}): Promise<RunningDuet> {
  const entry = spawnEntry({ PORT: '0', ...env }, options);
  try {
    await entry.waitFor('duet is running', START_TIMEOUT_MS);
    await entry.waitFor('On this machine:', START_TIMEOUT_MS);
    const match = /On this machine:\s+https:\/\/\S+:(\d+)/.exec(entry.output());
    if (!match) throw new Error(`no port in the banner:\n${entry.output()}`);
    return { ...entry, port: Number(match[1]) };
  } catch (error) {
    entry.kill();
    throw error;
  }
}
