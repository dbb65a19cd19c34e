/**
 * npm run turn-config: prints a coturn configuration (turnserver.conf) that
 * matches duet's TURN_URLS, TURN_SECRET and TURN_TTL_S. Without TURN_SECRET a
 * fresh secret is made (give the same one to duet); without TURN_URLS the
 * relay is this machine's first LAN address on port 3478.
 *   npm run -s turn-config > turnserver.conf
 */
import { randomBytes } from 'node:crypto';
import { lanAddresses } from '../src/server/lan/addresses.js';
import { ConfigError, loadConfig } from '../src/server/config/config.js';
import { read } from '../src/server/config/env.js';
import { coturnConfig, parseAllowPrivate } from '../src/server/turn/coturn-config.js';

function main(): void {
  const env = process.env;
  const host = read(env, 'HOST');
  const addresses = host && host !== '0.0.0.0' && host !== '::' ? [host] : lanAddresses();
  const secret = read(env, 'TURN_SECRET') ?? randomBytes(32).toString('base64url');
  const urls = read(env, 'TURN_URLS') ?? `turn:${addresses[0] ?? '127.0.0.1'}:3478`;
  const { turn } = loadConfig({ ...env, TURN_SECRET: secret, TURN_URLS: urls });
  const made = read(env, 'TURN_SECRET') === undefined ? `# a new secret was made: start duet with TURN_URLS=${urls} TURN_SECRET=${secret}\n` : '';
  process.stdout.write(made + coturnConfig({ turn, secret, addresses, allowPrivate: parseAllowPrivate(env) }));
}

try {
  main();
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
