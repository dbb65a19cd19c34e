/**
 * A coturn configuration file matching duet's TURN settings (pure): the
 * listening and relay addresses, the realm and ports from TURN_URLS, the TURN
 * REST API secret, a small relay port range and quotas, and no relaying to
 * loopback, special-purpose or (unless TURN_ALLOW_PRIVATE=1) private addresses.
 */
import { ConfigError, read, type Env } from '../config/env.js';
import type { TurnConfig } from '../config/turn-config.js';

export interface CoturnFileOptions {
  turn: TurnConfig;
  /** The static-auth-secret (TURN_SECRET). */
  secret: string;
  /** Addresses coturn listens and relays on (the machine's LAN addresses, or HOST). */
  addresses: readonly string[];
  /** Relay to private (RFC 1918, CGNAT, link-local, ULA) peers: needed when callers on the LAN use the relay. */
  allowPrivate: boolean;
}

/** Never relayed to: "this network", loopback, documentation, benchmarking, reserved and NAT64 ranges. */
export const ALWAYS_DENIED = [
  '0.0.0.0-0.255.255.255',
  '127.0.0.0-127.255.255.255',
  '192.0.0.0-192.0.0.255',
  '192.0.2.0-192.0.2.255',
  '192.88.99.0-192.88.99.255',
  '198.18.0.0-198.19.255.255',
  '198.51.100.0-198.51.100.255',
  '203.0.113.0-203.0.113.255',
  '240.0.0.0-255.255.255.255',
  '::1',
  '::ffff:0.0.0.0-::ffff:255.255.255.255',
  '64:ff9b::-64:ff9b::ffff:ffff',
  '2001:db8::-2001:db8:ffff:ffff:ffff:ffff:ffff:ffff',
] as const;

/** Private ranges: denied unless TURN_ALLOW_PRIVATE=1 (a relay into the operator's own LAN is a classic TURN hole). */
export const PRIVATE_RANGES = [
  '10.0.0.0-10.255.255.255',
  '100.64.0.0-100.127.255.255',
  '169.254.0.0-169.254.255.255',
  '172.16.0.0-172.31.255.255',
  '192.168.0.0-192.168.255.255',
  'fc00::-fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
  'fe80::-febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff',
] as const;

export const RELAY_PORTS = { min: 49160, max: 49359 } as const;

export function parseAllowPrivate(env: Env): boolean {
  const raw = read(env, 'TURN_ALLOW_PRIVATE');
  if (raw === undefined || raw === '0') return false;
  if (raw === '1') return true;
  throw new ConfigError(`TURN_ALLOW_PRIVATE must be 0 or 1, got ${JSON.stringify(raw)}`);
}

/** Host and port of a `turn:`/`turns:` URL (`turn:host:port?transport=udp`, IPv6 in brackets). */
export function turnUrlParts(url: string): { tls: boolean; host: string; port: number } {
  const tls = url.startsWith('turns:');
  const rest = url.slice(url.indexOf(':') + 1).split('?')[0]!;
  const match = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(rest);
  return { tls, host: (match?.[1] ?? rest).replace(/^\[|\]$/g, ''), port: match?.[2] ? Number(match[2]) : tls ? 5349 : 3478 };
}

export function coturnConfig(o: CoturnFileOptions): string {
  const parts = o.turn.urls.map(turnUrlParts);
  const plain = parts.find((p) => !p.tls);
  const secure = parts.find((p) => p.tls);
  const realm = parts[0]?.host ?? 'duet';
  const lines = [
    '# coturn configuration for duet (npm run turn-config). Install as /etc/turnserver.conf and restart coturn.',
    `# duet's side: TURN_URLS=${o.turn.urls.join(',')} TURN_SECRET=<the static-auth-secret below> TURN_TTL_S=${o.turn.ttlS}`,
    '',
    '# where to listen and relay from (this machine; for a server behind NAT add external-ip=<public>/<private>)',
    ...o.addresses.flatMap((ip) => [`listening-ip=${ip}`, `relay-ip=${ip}`]),
    `listening-port=${plain?.port ?? 3478}`,
    ...(secure ? [`tls-listening-port=${secure.port}`] : []),
    `min-port=${RELAY_PORTS.min}`,
    `max-port=${RELAY_PORTS.max}`,
    '',
    '# short-lived credentials made by duet (TURN REST API): username <expiry>:<id>, password base64(HMAC-SHA1(secret, username))',
    'use-auth-secret',
    `static-auth-secret=${o.secret}`,
    `realm=${realm}`,
    'fingerprint',
    'stale-nonce=600',
    '',
    '# limits: allocations per credential and in total, bytes per second per session',
    'user-quota=12',
    'total-quota=200',
    'max-bps=1000000',
    '',
    '# never relay to loopback, special-purpose ranges' +
      (o.allowPrivate ? ' (TURN_ALLOW_PRIVATE=1: private ranges allowed)' : ' or private networks (TURN_ALLOW_PRIVATE=1 allows them)'),
    'no-multicast-peers',
    ...ALWAYS_DENIED.map((range) => `denied-peer-ip=${range}`),
    ...(o.allowPrivate ? [] : PRIVATE_RANGES.map((range) => `denied-peer-ip=${range}`)),
    '',
    ...(secure
      ? [
          '# turns: needs a certificate the browsers trust for ' + realm,
          `cert=/etc/letsencrypt/live/${realm}/fullchain.pem`,
          `pkey=/etc/letsencrypt/live/${realm}/privkey.pem`,
          'no-tlsv1',
          'no-tlsv1_1',
        ]
      : ['# no turns: URL in TURN_URLS: no TLS listeners', 'no-tls', 'no-dtls']),
    '',
    'no-cli',
    'no-software-attribute',
    'simple-log',
    'log-file=/var/log/turnserver/turnserver.log',
    '',
  ];
  return lines.join('\n');
}
