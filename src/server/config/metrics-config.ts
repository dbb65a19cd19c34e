/**
 * Where Prometheus metrics are served: METRICS_PORT (unset by default: no metrics
 * port at all) and METRICS_HOST (default 127.0.0.1, this machine only). A pure
 * reader of the environment.
 */
import { ConfigError, parseHostName, parsePort, read, type Env } from './env.js';

export interface MetricsConfig {
  /** Plain-HTTP port of GET /metrics. */
  readonly port: number;
  /** Address it listens on. */
  readonly host: string;
}

export const METRICS_DEFAULT_HOST = '127.0.0.1';

/** `taken`: ports duet already uses (PORT, HTTP_PORT; 0 stands for none). */
export function parseMetrics(env: Env, taken: readonly number[]): MetricsConfig | undefined {
  if (read(env, 'METRICS_PORT') === undefined) {
    if (read(env, 'METRICS_HOST') !== undefined) throw new ConfigError('METRICS_HOST is set but METRICS_PORT is not; set METRICS_PORT to serve /metrics');
    return undefined;
  }
  const port = parsePort(env, 'METRICS_PORT', 0);
  if (taken.includes(port)) {
    throw new ConfigError(`METRICS_PORT must differ from PORT and HTTP_PORT, got ${JSON.stringify(String(port))}`);
  }
  return Object.freeze({ port, host: parseHostName(env, 'METRICS_HOST', METRICS_DEFAULT_HOST) });
}
