import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULTS, loadConfig } from '../../src/server/config/config.js';

describe('HTTP_PORT, the plain-HTTP helper port', () => {
  it('defaults to 8080', () => {
    expect(loadConfig({}).httpPort).toBe(8080);
    expect(DEFAULTS.httpPort).toBe(8080);
  });

  it('accepts 0, which disables the helper', () => {
    expect(loadConfig({ HTTP_PORT: '0' }).httpPort).toBe(0);
  });

  it('accepts a port number with surrounding spaces', () => {
    expect(loadConfig({ HTTP_PORT: ' 8000 ' }).httpPort).toBe(8000);
  });

  it.each(['abc', '-1', '65536', '80.5', '0x50'])('refuses %j and names the variable and the value', (raw) => {
    expect(() => loadConfig({ HTTP_PORT: raw })).toThrowError(ConfigError);
    expect(() => loadConfig({ HTTP_PORT: raw })).toThrowError(`HTTP_PORT must be 0-65535, got ${JSON.stringify(raw)}`);
  });

  it('refuses the same port as PORT', () => {
    expect(() => loadConfig({ PORT: '9000', HTTP_PORT: '9000' })).toThrowError(/HTTP_PORT must differ from PORT \(9000\)/);
  });

  it('refuses the default HTTPS port when PORT is left out', () => {
    expect(() => loadConfig({ HTTP_PORT: '8443' })).toThrowError(/HTTP_PORT must differ from PORT/);
  });

  it('returns a frozen config', () => {
    expect(Object.isFrozen(loadConfig({ HTTP_PORT: '81' }))).toBe(true);
  });
});
