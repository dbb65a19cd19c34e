/**
 * LAN addressing rules, pure: which HTTPS links to show, and where the plain-HTTP
 * helper sends a request.
 */
import { isIP } from 'node:net';

/** Paths the plain-HTTP helper answers itself: a device must fetch the CA before it trusts HTTPS. */
export const CA_PATHS: readonly string[] = ['/ca.pem', '/ca.crt', '/ca.mobileconfig'];

function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '';
}

/** `https://host:port`, with IPv6 in brackets and the port left out when it is 443. */
export function httpsUrl(host: string, port: number): string {
  const shown = isIP(host) === 6 ? `[${host}]` : host;
  return port === 443 ? `https://${shown}` : `https://${shown}:${port}`;
}

/** `scheme://host:port` for this machine itself: `localhost` when bound to every address. */
export function localUrl(scheme: 'http' | 'https', boundHost: string, port: number): string {
  const host = isWildcard(boundHost) ? 'localhost' : boundHost;
  return `${scheme}://${isIP(host) === 6 ? `[${host}]` : host}:${port}`;
}

/**
 * The addresses among `addresses` that a server bound to `boundHost` answers on:
 * all of them for `::` (dual-stack), only IPv4 for `0.0.0.0` (an IPv4-only server
 * refuses IPv6), otherwise just the bound address itself.
 */
export function reachableAddresses(boundHost: string, addresses: readonly string[]): string[] {
  if (boundHost === '::' || boundHost === '') return [...addresses];
  if (boundHost === '0.0.0.0') return addresses.filter((a) => isIP(a) !== 6);
  return [boundHost];
}

/**
 * The links other devices on the LAN can open: one per address the server answers
 * on (IPv4 first, the order a phone most likely needs). Loopback is never a LAN link.
 * `bindHost` must be the address the server really listens on, not the setting.
 */
export function lanUrls(bindHost: string, port: number, addresses: readonly string[]): string[] {
  const hosts = reachableAddresses(bindHost, addresses);
  const lan = hosts.filter((h) => !/^(127\.|::1$|localhost$)/i.test(h));
  const ordered = [...lan.filter((h) => isIP(h) !== 6), ...lan.filter((h) => isIP(h) === 6)];
  return ordered.map((h) => httpsUrl(h, port));
}

const HOST_HEADER = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]{1,253})(?::\d{1,5})?$/;

/**
 * Where the HTTP helper redirects `path` asked of `hostHeader`: the same host on the
 * HTTPS port, same path and query. Undefined when the Host header is missing or not a
 * plain host name or address (the helper then answers 400 instead of guessing).
 */
export function redirectLocation(hostHeader: string | undefined, path: string, httpsPort: number): string | undefined {
  const match = hostHeader === undefined ? null : HOST_HEADER.exec(hostHeader.trim());
  if (!match) return undefined;
  const host = match[1]!;
  const bare = host.startsWith('[') ? host.slice(1, -1) : host;
  if (host.startsWith('[') && isIP(bare) !== 6) return undefined;
  const rest = path.startsWith('/') ? path : `/${path}`;
  return `${httpsUrl(bare, httpsPort)}${rest}`;
}

/** Whether the HTTP helper serves `path` itself instead of redirecting it. */
export function isCaPath(path: string): boolean {
  const bare = path.split('?')[0] ?? '';
  return CA_PATHS.includes(bare);
}
