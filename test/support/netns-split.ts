/**
 * Two LANs that cannot reach each other, and a server host on both: each LAN a
 * switch namespace with a bridge, client host "a" on the first, "b" on the
 * second, and "srv" with eth0 on the first and eth1 on the second. The server
 * host does not forward and the clients have no route beyond their own LAN, so
 * a and b can only meet through something running on srv (a TURN relay).
 * Named like netns.ts's namespaces, so `cleanLeftovers()` removes them too.
 */
import { randomBytes } from 'node:crypto';
import { ip, PREFIX, removeNamespace, type LanHost } from './netns.js';

export interface SplitLans {
  hosts: { a: LanHost; b: LanHost; srv: LanHost };
  /** The server's address on each LAN. */
  srvA: string;
  srvB: string;
  destroy(): void;
}

export function createSplitLans(net = '10.78'): SplitLans {
  const id = `${PREFIX}${process.pid}-${randomBytes(3).toString('hex')}`;
  const created: string[] = [];
  const destroy = () => {
    for (const ns of created.reverse()) removeNamespace(ns);
  };
  const add = (name: string) => {
    const ns = `${id}-${name}`;
    ip('netns', 'add', ns);
    created.push(ns);
    ip('-n', ns, 'link', 'set', 'lo', 'up');
    return ns;
  };
  /** Plugs `dev` of `ns` into switch `sw` with `address`/24. */
  const plug = (ns: string, dev: string, sw: string, port: string, address: string) => {
    ip('-n', ns, 'link', 'add', dev, 'type', 'veth', 'peer', 'name', port, 'netns', sw);
    ip('-n', sw, 'link', 'set', port, 'master', 'br0', 'up');
    ip('-n', ns, 'addr', 'add', `${address}/24`, 'dev', dev);
    ip('-n', ns, 'link', 'set', dev, 'up');
  };
  try {
    const switches = ['sw1', 'sw2'].map((name) => {
      const sw = add(name);
      ip('-n', sw, 'link', 'add', 'br0', 'type', 'bridge');
      ip('-n', sw, 'link', 'set', 'br0', 'up');
      return sw;
    }) as [string, string];
    const srv = add('srv');
    const a = add('a');
    const b = add('b');
    const srvA = `${net}.1.10`;
    const srvB = `${net}.2.10`;
    plug(srv, 'eth0', switches[0], 'p-srv0', srvA);
    plug(srv, 'eth1', switches[1], 'p-srv1', srvB);
    plug(a, 'eth0', switches[0], 'p-a', `${net}.1.21`);
    plug(b, 'eth0', switches[1], 'p-b', `${net}.2.22`);
    return {
      hosts: { a: { ns: a, address: `${net}.1.21` }, b: { ns: b, address: `${net}.2.22` }, srv: { ns: srv, address: srvA } },
      srvA,
      srvB,
      destroy,
    };
  } catch (error) {
    destroy();
    throw error;
  }
}
