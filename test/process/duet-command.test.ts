/**
 * The package as `npm install -g <tarball>` installs it: `npm pack` of the built tree,
 * unpacked elsewhere, its `duet` command run from another folder. It answers --help and
 * --version, and keeps its certificates in the per-user data folder (no src/ beside it).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { spawnDuet, type Entry } from '../support/entry.js';

const base = mkdtempSync(join(tmpdir(), 'duet-command-'));
const entries: Entry[] = [];
afterEach(() => entries.splice(0).forEach((e) => e.kill()));
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** dist/ is built by the global setup; --ignore-scripts keeps npm pack from touching the tree. */
function unpack(): string {
  const name = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', base], { encoding: 'utf8', timeout: 120_000 }).trim();
  execFileSync('tar', ['-xzf', join(base, name), '-C', base]);
  const pkg = join(base, 'package');
  symlinkSync(resolve('node_modules'), join(pkg, 'node_modules'));
  return pkg;
}

describe('the duet command of the packed package', () => {
  const pkg = unpack();
  const bin = join(pkg, JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')).bin.duet as string);
  const version = JSON.parse(readFileSync('package.json', 'utf8')).version as string;

  it('ships the command, the built server and page, the systemd unit and the license, not the sources', () => {
    for (const file of [
      'bin/duet.mjs',
      'dist/src/server/main.js',
      'dist/src/server/cli.js',
      'dist/public/index.html',
      'docs/duet.service',
      'LICENSE',
      'README.md',
      'CHANGELOG.md',
    ]) {
      expect(existsSync(join(pkg, file)), file).toBe(true);
    }
    expect(existsSync(join(pkg, 'src'))).toBe(false);
    expect(existsSync(join(pkg, 'test'))).toBe(false);
  });

  it('answers --help and --version from any folder', () => {
    const run = (arg: string) => spawnSync(process.execPath, [bin, arg], { cwd: base, encoding: 'utf8', timeout: 30_000 });
    const help = run('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: duet [--help | --version]');
    expect(run('--version').stdout).toBe(`${version}\n`);
    const wrong = run('start');
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('unknown argument "start"');
  });

  it('starts from another folder with its certificates in ~/.local/share/duet', async () => {
    const home = join(base, 'home');
    const elsewhere = join(base, 'elsewhere');
    mkdirSync(home);
    mkdirSync(elsewhere);
    const env = { HOME: home, XDG_DATA_HOME: '', CERTS_DIR: '', HOST: '127.0.0.1' };
    const entry = await spawnDuet(env, { cwd: elsewhere, args: [bin] });
    entries.push(entry);
    const dataDir = join(home, '.local/share/duet');
    expect(entry.output()).toContain(`Local CA: ${join(dataDir, 'ca.pem')}`);
    expect(existsSync(join(dataDir, 'cert.pem'))).toBe(true);
    expect(existsSync(join(pkg, 'certs'))).toBe(false);
    expect(existsSync(join(elsewhere, 'certs'))).toBe(false);
  }, 90_000);
});
