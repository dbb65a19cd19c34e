/**
 * Reading single environment variables: the shared pieces of the pure config loaders.
 */

export type Env = Readonly<Record<string, string | undefined>>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function read(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

export function parsePort(env: Env, name: string, fallback: number, min = 1): number {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  const port = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(port) || port < min || port > 65535) {
    throw new ConfigError(`${name} must be ${min}-65535, got ${JSON.stringify(raw)}`);
  }
  return port;
}

export function parseNumber(env: Env, name: string, fallback: number, min: number, max: number, integer: boolean): number {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  const value = /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    const kind = integer ? 'a whole number' : 'a number';
    throw new ConfigError(`${name} must be ${kind} from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

/** A host name or IP address to listen on, from variable `name`. */
export function parseHostName(env: Env, name: string, fallback: string): string {
  const raw = read(env, name);
  if (raw === undefined) return fallback;
  if (!/^[A-Za-z0-9.:_%-]+$/.test(raw) || raw.length > 253) {
    throw new ConfigError(`${name} must be a host name or IP address, got ${JSON.stringify(raw)}`);
  }
  return raw;
}
