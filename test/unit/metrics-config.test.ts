import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/config/config.js';

describe('metrics settings from the environment', () => {
  it('serve no metrics unless METRICS_PORT is set', () => {
    expect(loadConfig({}).metrics).toBeUndefined();
  });

  it('listen on 127.0.0.1 by default, or on METRICS_HOST', () => {
    expect(loadConfig({ METRICS_PORT: '9464' }).metrics).toEqual({ port: 9464, host: '127.0.0.1' });
    expect(loadConfig({ METRICS_PORT: '9464', METRICS_HOST: '10.0.0.5' }).metrics).toEqual({ port: 9464, host: '10.0.0.5' });
  });

  it.each([
    [{ METRICS_PORT: 'abc' }, /METRICS_PORT must be 1-65535, got "abc"/],
    [{ METRICS_PORT: '0' }, /METRICS_PORT must be 1-65535, got "0"/],
    [{ METRICS_PORT: '8443' }, /METRICS_PORT must differ from PORT and HTTP_PORT, got "8443"/],
    [{ METRICS_PORT: '8080' }, /METRICS_PORT must differ/],
    [{ METRICS_PORT: '9464', METRICS_HOST: 'a b' }, /METRICS_HOST must be a host name or IP address, got "a b"/],
    [{ METRICS_HOST: '0.0.0.0' }, /METRICS_HOST is set but METRICS_PORT is not/],
  ])('refuse %j naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('allow the helper port number when the helper is off', () => {
    expect(loadConfig({ METRICS_PORT: '8080', HTTP_PORT: '0' }).metrics?.port).toBe(8080);
  });
});
