/**
 * docs/duet.service, the systemd unit for a server: systemd's own checker finds nothing
 * wrong with it, and its offline security review rates the hardening "OK" or better.
 * Needs systemd-analyze (Debian package `systemd`).
 */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const UNIT = 'docs/duet.service';

describe('the systemd unit', () => {
  it('passes systemd-analyze verify', () => {
    const run = spawnSync('systemd-analyze', ['verify', '--man=no', UNIT], { encoding: 'utf8', timeout: 60_000 });
    expect(run.error, 'systemd-analyze is missing: apt-get install systemd').toBeUndefined();
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('is hardened: systemd-analyze security rates its exposure 2.0 or lower', () => {
    const run = spawnSync('systemd-analyze', ['security', '--offline=true', '--no-pager', UNIT], { encoding: 'utf8', timeout: 60_000 });
    expect(run.error, 'systemd-analyze is missing: apt-get install systemd').toBeUndefined();
    const score = /Overall exposure level for duet\.service: ([\d.]+)/.exec(run.stdout)?.[1];
    expect(score).toBeDefined();
    expect(Number(score)).toBeLessThanOrEqual(2);
  });
});
