/**
 * Node processes inside a network namespace, driven over an IPC channel. The
 * TypeScript entry is bundled with esbuild (packages stay external and load
 * from node_modules) and started with `ip netns exec`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { UI_WAIT_MS } from './waits.js';

/** Bundles `entries` (paths under test/) into `.tmp/<tag>/` and returns name → output file. */
export async function bundleEntries(tag: string, entries: Record<string, string>): Promise<Record<string, string>> {
  const outdir = resolve('.tmp', tag);
  mkdirSync(outdir, { recursive: true });
  await build({
    entryPoints: Object.fromEntries(Object.entries(entries).map(([name, path]) => [name, resolve(path)])),
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return Object.fromEntries(Object.keys(entries).map((name) => [name, join(outdir, `${name}.mjs`)]));
}

/** The guard on one call: longer than the longest wait a call runs inside the process (UI_WAIT_MS). */
const CALL_MS = UI_WAIT_MS + 30_000;

interface Reply {
  id: number;
  ok: boolean;
  value?: unknown;
  error?: string;
}

export interface NsProcess {
  child: ChildProcess;
  /** Everything the process wrote, for failure messages. */
  output(): string;
  /** The first message the process sends on its own (its "ready" report). */
  ready: Promise<unknown>;
  call<T = unknown>(op: string, ...args: unknown[]): Promise<T>;
  stop(): Promise<void>;
}

export function startInNamespace(ns: string, file: string, args: string[], readyMs = 45_000): NsProcess {
  const child = spawn('ip', ['netns', 'exec', ns, process.execPath, file, ...args], {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    cwd: process.cwd(),
  });
  let log = '';
  child.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString('utf8')));
  const pending = new Map<number, { ok(value: unknown): void; fail(error: Error): void }>();
  let nextId = 1;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));

  const ready = new Promise<unknown>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`${file} not ready within ${readyMs} ms:\n${log}`)), readyMs);
    child.on('message', (message: unknown) => {
      const reply = message as Reply & { ready?: unknown };
      if ('ready' in reply) return void (clearTimeout(timer), ok(reply.ready));
      const waiter = pending.get(reply.id);
      pending.delete(reply.id);
      if (reply.ok) waiter?.ok(reply.value);
      else waiter?.fail(new Error(reply.error));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`${file} exited with ${code}:\n${log}`));
      for (const waiter of pending.values()) waiter.fail(new Error(`process exited with ${code}:\n${log}`));
      pending.clear();
    });
  });
  ready.catch(() => undefined);

  return {
    child,
    output: () => log,
    ready,
    call<T>(op: string, ...callArgs: unknown[]) {
      return new Promise<T>((ok, fail) => {
        const id = nextId++;
        const timer = setTimeout(() => {
          pending.delete(id);
          fail(new Error(`"${op}" got no answer within ${CALL_MS / 1000} s:\n${log}`));
        }, CALL_MS);
        pending.set(id, {
          ok: (value) => (clearTimeout(timer), ok(value as T)),
          fail: (error) => (clearTimeout(timer), fail(error)),
        });
        child.send({ id, op, args: callArgs });
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
