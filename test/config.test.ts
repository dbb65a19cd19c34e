import { describe, expect, it } from 'vitest';
import { DEFAULTS, loadConfig } from '../src/server/config.js';

describe('configuration', () => {
  it('uses the documented defaults when nothing is set', () => {
    expect(loadConfig({})).toEqual({ ...DEFAULTS });
    expect(DEFAULTS).toMatchObject({ port: 8443, host: '0.0.0.0', certsDir: './certs', logLevel: 'info' });
  });

  it('reads every variable', () => {
    const config = loadConfig({ PORT: '9443', HOST: '127.0.0.1', CERTS_DIR: '/tmp/c', LOG_LEVEL: 'DEBUG', LOG_DIR: '/var/log/duet' });
    expect(config).toMatchObject({ port: 9443, host: '127.0.0.1', certsDir: '/tmp/c', logLevel: 'debug', logDir: '/var/log/duet' });
  });

  it('returns a frozen object', () => {
    expect(Object.isFrozen(loadConfig({}))).toBe(true);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT must be 1-65535, got "abc"'],
    [{ PORT: '0' }, 'PORT must be 1-65535, got "0"'],
    [{ PORT: '70000' }, 'PORT must be 1-65535, got "70000"'],
    [{ PORT: '12.5' }, 'PORT must be 1-65535, got "12.5"'],
    [{ HOST: 'bad host' }, 'HOST must be a host name or IP address, got "bad host"'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of trace, debug, info, warn, error, fatal, off, got "loud"'],
  ])('rejects %o naming the variable and the bad value', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
