import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEFAULTS, loadConfig, projectDir } from '../../src/server/config/config.js';

const PROJECT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');

describe('configuration', () => {
  it('uses the documented defaults when nothing is set', () => {
    expect(loadConfig({})).toEqual({ ...DEFAULTS });
    expect(DEFAULTS).toMatchObject({ port: 8443, host: '::', certsDir: join(PROJECT, 'certs'), logLevel: 'info' });
  });

  it('reads every variable', () => {
    const config = loadConfig({ PORT: '9443', HOST: '127.0.0.1', CERTS_DIR: '/tmp/c', LOG_LEVEL: 'DEBUG', LOG_DIR: '/var/log/duet' });
    expect(config).toMatchObject({ port: 9443, host: '127.0.0.1', certsDir: '/tmp/c', logLevel: 'debug', logDir: '/var/log/duet' });
  });

  it('finds the project folder from the source and from the built module alike', () => {
    expect(projectDir(new URL('../../src/server/config/config.ts', import.meta.url).href)).toBe(PROJECT);
    expect(projectDir(new URL('../../dist/src/server/config/config.js', import.meta.url).href)).toBe(PROJECT);
  });

  it('lets the system pick the HTTPS port when PORT is 0 (the banner shows which)', () => {
    expect(loadConfig({ PORT: '0' }).port).toBe(0);
  });

  it('returns a frozen object', () => {
    expect(Object.isFrozen(loadConfig({}))).toBe(true);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT must be 1-65535, got "abc"'],
    [{ PORT: '70000' }, 'PORT must be 1-65535, got "70000"'],
    [{ PORT: '12.5' }, 'PORT must be 1-65535, got "12.5"'],
    [{ HOST: 'bad host' }, 'HOST must be a host name or IP address, got "bad host"'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of trace, debug, info, warn, error, fatal, off, got "loud"'],
  ])('rejects %o naming the variable and the bad value', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
