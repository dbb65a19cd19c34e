/**
 * Listening dual-stack: the default host `::` takes IPv6 and IPv4-mapped
 * connections; a machine without IPv6 gets `0.0.0.0` instead. What duet
 * advertises follows from the address it actually listens on (lan.ts).
 */
import type { AddressInfo, Server } from 'node:net';

/** The default HOST: every address, IPv6 and IPv4 alike. */
export const DUAL_STACK_HOST = '::';
/** The fallback where the machine has no IPv6: every IPv4 address. */
export const IPV4_ANY_HOST = '0.0.0.0';

/** Errors of listening on `::` that mean "this machine has no IPv6", not "something is wrong". */
const NO_IPV6 = new Set(['EAFNOSUPPORT', 'EADDRNOTAVAIL', 'EPROTONOSUPPORT']);

function listenOnce(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen({ port, host, ipv6Only: false }, () => {
      server.off('error', onError);
      resolve(server.address() as AddressInfo);
    });
  });
}

/**
 * Listens on `host`; when that is `::` and the machine has no IPv6, on `0.0.0.0`.
 * Resolves with the address it listens on (its `address` is the bound host).
 */
export async function listenDualStack(server: Server, port: number, host: string): Promise<AddressInfo> {
  try {
    return await listenOnce(server, port, host);
  } catch (error) {
    if (host !== DUAL_STACK_HOST || !NO_IPV6.has((error as NodeJS.ErrnoException).code ?? '')) throw error;
    return listenOnce(server, port, IPV4_ANY_HOST);
  }
}
