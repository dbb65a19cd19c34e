/**
 * `npm start` as a user runs it, in a copy of the project: the prestart build is
 * skipped when dist/ is newer than the sources and redone after a change, and
 * SIGTERM to the npm process stops duet (no server left on the port).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, statSync, symlinkSync, utimesSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { freePort, spawnEntry, type Entry } from '../support/entry.js';

const base = mkdtempSync(join(tmpdir(), 'duet-npm-start-'));
const project = join(base, 'project');
for (const name of ['src', 'scripts', 'package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'tsconfig.public.json']) {
  cpSync(name, join(project, name), { recursive: true });
}
symlinkSync(resolve('node_modules'), join(project, 'node_modules'));
const entries: Entry[] = [];
afterEach(() => entries.splice(0).forEach((e) => e.kill()));
afterAll(() => rmSync(base, { recursive: true, force: true }));

/**
 * What the prestart build says (on stderr, so stdout stays the command's own). Without type-checking
 * (`--no-check`, as the run's own build): what is proven here is when it builds, and the run's checks
 * type-check the same sources (measured alone: 18 core-seconds for this file against 20.5 with checked builds).
 */
function prestart(): string {
  const run = spawnSync(process.execPath, ['scripts/build-if-stale.mjs', '--no-check'], { cwd: project, encoding: 'utf8', timeout: 240_000 });
  if (run.status !== 0) throw new Error(`build-if-stale failed:\n${run.stderr}`);
  expect(run.stdout).toBe('');
  return run.stderr;
}
// when the last build ran: the stamp build-if-stale writes after each build (the incremental
// compiler rewrites only what changed, so a built file's own time says less)
const builtMain = () => statSync(join(project, 'dist/.build-stamp')).mtimeMs;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((ok) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), ok(true)));
    socket.once('error', () => ok(false));
  });
}

describe('npm start', () => {
  it('builds once, skips the build while nothing changed, and rebuilds after a change', () => {
    expect(prestart()).toContain('building dist/');
    const first = builtMain();
    expect(prestart()).toContain('dist/ is up to date');
    expect(builtMain()).toBe(first);
    const later = new Date(Date.now() + 2000);
    utimesSync(join(project, 'src/server/lan/lan.ts'), later, later);
    expect(prestart()).toContain('building dist/');
    expect(builtMain()).toBeGreaterThan(first);
  }, 600_000);

  it('npm run certs and npm run turn-config reuse a current build, and turn-config prints only the configuration', () => {
    prestart();
    const built = builtMain();
    const env = { ...process.env, CERTS_DIR: join(base, 'certs-script'), TURN_URLS: 'turn:turn.example.org:3478', TURN_SECRET: 'a-secret-of-sixteen-chars' };
    const certs = spawnSync('npm', ['run', '-s', 'certs'], { cwd: project, env, encoding: 'utf8', timeout: 120_000 });
    expect(certs.status).toBe(0);
    expect(certs.stderr).toContain('dist/ is up to date');
    expect(certs.stdout).toContain('CA fingerprint (SHA-256)');
    const turn = spawnSync('npm', ['run', '-s', 'turn-config'], { cwd: project, env, encoding: 'utf8', timeout: 120_000 });
    expect(turn.status).toBe(0);
    expect(turn.stderr).toContain('dist/ is up to date');
    expect(turn.stdout).not.toContain('duet:');
    expect(turn.stdout).toContain('static-auth-secret=a-secret-of-sixteen-chars');
    expect(builtMain()).toBe(built);
  }, 600_000);

  it('stops duet cleanly when the npm process gets SIGTERM', async () => {
    const port = await freePort();
    const npm = spawnEntry(
      { PORT: String(port), HTTP_PORT: String(await freePort()), HOST: '127.0.0.1', CERTS_DIR: join(base, 'certs') },
      { cwd: project, command: 'npm', args: ['start'] },
    );
    entries.push(npm);
    await npm.waitFor('duet is running', 120_000);
    expect(npm.output()).toContain('dist/ is up to date');
    const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(npm.child.pid)], { encoding: 'utf8' })
      .split('\n')
      .map((line) => Number(line.trim()))
      .filter((pid) => pid > 0);
    expect(children.length).toBeGreaterThan(0);
    npm.child.kill('SIGTERM');
    await npm.exited(20_000);
    await expect.poll(() => children.filter(isAlive), { timeout: 10_000 }).toEqual([]);
    expect(await portOpen(port)).toBe(false);
    expect(npm.output()).toContain('SIGTERM: shutting down');
  }, 180_000);
});
