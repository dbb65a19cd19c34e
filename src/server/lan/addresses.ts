/**
 * The machine's names and LAN addresses, read from the OS when called (importing
 * this module reads nothing): what the certificate covers and the links show.
 */
import { hostname, networkInterfaces } from 'node:os';

/** Names a LAN device may use to reach this machine. */
export function machineNames(): string[] {
  const names = new Set<string>(['localhost', '127.0.0.1', '::1']);
  const host = hostname().toLowerCase();
  if (host) {
    names.add(host);
    if (!host.endsWith('.local')) names.add(`${host}.local`);
  }
  for (const address of lanAddresses()) names.add(address);
  return [...names];
}

/** Every non-internal IPv4 and IPv6 address of the machine (link-local IPv6 left out: it needs a zone). */
export function lanAddresses(): string[] {
  const out: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const info of list ?? []) {
      if (info.internal) continue;
      if (info.family === 'IPv6' && info.address.toLowerCase().startsWith('fe80')) continue;
      out.push(info.address);
    }
  }
  return out;
}
