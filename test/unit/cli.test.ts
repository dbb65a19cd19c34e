/**
 * The `duet` command's decisions: --help and --version, refusing stray arguments, and where
 * the certificates go (the per-user XDG data folder unless CERTS_DIR says otherwise or the
 * command runs from a checkout).
 */
import { describe, expect, it } from 'vitest';
import { cliAction, userDataDir } from '../../src/server/cli.js';

const base = { env: {}, home: '/home/ann', checkout: false, version: '9.8.7' };

describe('the duet command', () => {
  it('prints its usage for --help and -h, naming CERTS_DIR and its default', () => {
    for (const flag of ['--help', '-h']) {
      const action = cliAction([flag], base);
      expect(action.kind).toBe('help');
      expect(action.kind !== 'start' && action.text).toMatch(
        /^duet 9\.8\.7: [\s\S]*Usage: duet \[--help \| --version\][\s\S]*CERTS_DIR[\s\S]*~\/\.local\/share\/duet/,
      );
    }
  });

  it('prints the version for --version and -v', () => {
    expect(cliAction(['--version'], base)).toEqual({ kind: 'version', text: '9.8.7\n' });
    expect(cliAction(['-v'], base)).toEqual({ kind: 'version', text: '9.8.7\n' });
  });

  it('refuses an unknown argument, pointing to --help', () => {
    const action = cliAction(['--port=9000'], base);
    expect(action).toEqual({ kind: 'error', text: expect.stringContaining('unknown argument "--port=9000"') });
  });

  it('keeps the certificates in ~/.local/share/duet when XDG_DATA_HOME is unset', () => {
    expect(cliAction([], base)).toEqual({ kind: 'start', env: { CERTS_DIR: '/home/ann/.local/share/duet' } });
  });

  it('keeps them in $XDG_DATA_HOME/duet when it is set, and ignores a relative XDG_DATA_HOME', () => {
    expect(cliAction([], { ...base, env: { XDG_DATA_HOME: '/data/ann' } })).toEqual({ kind: 'start', env: { CERTS_DIR: '/data/ann/duet' } });
    expect(userDataDir({ XDG_DATA_HOME: 'relative/data' }, '/home/ann')).toBe('/home/ann/.local/share/duet');
  });

  it("leaves CERTS_DIR alone when it is set, and the checkout's certs/ default when run from a checkout", () => {
    expect(cliAction([], { ...base, env: { CERTS_DIR: '/srv/duet' } })).toEqual({ kind: 'start', env: {} });
    expect(cliAction([], { ...base, checkout: true })).toEqual({ kind: 'start', env: {} });
  });
});
