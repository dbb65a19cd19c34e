/**
 * The key every per-address limit counts by (connection caps, TLS handshakes, event budgets,
 * rooms per address, wrong access codes, TURN credentials): an IPv4 address as it is, and an
 * IPv6 address as its /64 network. One IPv6 host is usually handed a whole /64 (SLAAC, privacy
 * addresses, a VPS's routed prefix), so counting exact IPv6 addresses would give one machine
 * 2^64 budgets. IPv4-mapped IPv6 addresses (`::ffff:192.0.2.1`, what a dual-stack listener
 * reports for IPv4 clients) count as the IPv4 address.
 */
import ipaddr from 'ipaddr.js';

/** Bits of an IPv6 address that name one client (a customer's or a host's prefix). */
export const IPV6_CLIENT_PREFIX = 64;

/** The limit key of a socket's remote address (`unknown` when Node has none: a destroyed socket). */
export function clientKey(address: string | undefined): string {
  if (!address) return 'unknown';
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address.replace(/%.*$/, '')); // a zone index (fe80::1%eth0) names no other host
  } catch {
    return address;
  }
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const v6 = parsed as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) return v6.toIPv4Address().toString();
  const network = ipaddr.IPv6.networkAddressFromCIDR(`${v6.toString()}/${IPV6_CLIENT_PREFIX}`);
  return `${network.toString()}/${IPV6_CLIENT_PREFIX}`;
}
