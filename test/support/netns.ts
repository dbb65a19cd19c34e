/**
 * A small LAN made of Linux network namespaces: a switch namespace holding a
 * bridge, and hosts each with one veth ("eth0") plugged into it and its own
 * private address. Nothing is created in the root namespace, so no traffic can
 * leave. Needs root and iproute2; `destroy()` removes everything, and
 * `cleanLeftovers()` removes what earlier runs that died left behind.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

export const PREFIX = 'duetlan-';

export function ip(...args: string[]): string {
  return execFileSync('ip', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 10_000 });
}

/** Whether this process can build namespaces, and why not when it cannot. */
export function netnsSupport(): { ok: true } | { ok: false; reason: string } {
  if (process.platform !== 'linux') return { ok: false, reason: 'not Linux' };
  if (process.getuid?.() !== 0) return { ok: false, reason: 'not running as root' };
  const probe = `${PREFIX}${process.pid}-probe`;
  try {
    ip('-V');
  } catch {
    return { ok: false, reason: 'the `ip` command (iproute2) is not installed' };
  }
  try {
    ip('netns', 'add', probe);
    ip('netns', 'del', probe);
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: `cannot create a network namespace: ${(error as Error).message.split('\n')[0]}` };
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function namespaces(): string[] {
  return ip('netns', 'list')
    .split('\n')
    .map((line) => line.split(' ')[0] ?? '')
    .filter((name) => name.startsWith(PREFIX));
}

/** Stops the processes inside `ns` (ours: started by these tests) and deletes it. */
export function removeNamespace(ns: string): void {
  let pids: number[] = [];
  try {
    pids = ip('netns', 'pids', ns).split('\n').filter(Boolean).map(Number);
  } catch {
    // already gone
  }
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // exited meanwhile
    }
  }
  try {
    ip('netns', 'del', ns);
  } catch {
    // already gone
  }
}

/** Removes namespaces of earlier runs whose test process no longer exists. */
export function cleanLeftovers(): string[] {
  const removed: string[] = [];
  for (const ns of namespaces()) {
    const pid = Number(/^duetlan-(\d+)-/.exec(ns)?.[1]);
    if (Number.isInteger(pid) && pid !== process.pid && !alive(pid)) {
      removeNamespace(ns);
      removed.push(ns);
    }
  }
  return removed;
}

export interface LanHost {
  ns: string;
  address: string;
}

export interface Lan {
  hosts: Record<string, LanHost>;
  prefixLength: number;
  /** Moves `host` to a new address on the same LAN. */
  readdress(host: string, address: string): void;
  /**
   * Cuts `host` off the LAN (its switch port stops forwarding, like a dead Wi-Fi
   * link: the host's own interface stays up and notices nothing), or plugs it back.
   */
  setLink(host: string, up: boolean): void;
  destroy(): void;
}

/** Builds the LAN: one host per entry of `addresses` (name → IPv4 address in `prefixLength`). */
export function createLan(addresses: Record<string, string>, prefixLength = 24): Lan {
  const id = `${PREFIX}${process.pid}-${randomBytes(3).toString('hex')}`;
  const created: string[] = [];
  const sw = `${id}-sw`;
  const hosts: Record<string, LanHost> = {};
  const lan: Lan = {
    hosts,
    prefixLength,
    readdress(name, address) {
      const host = hosts[name]!;
      ip('-n', host.ns, 'addr', 'flush', 'dev', 'eth0', 'scope', 'global');
      ip('-n', host.ns, 'addr', 'add', `${address}/${prefixLength}`, 'dev', 'eth0');
      host.address = address;
    },
    setLink(name, up) {
      const port = `p-${name}`;
      try {
        execFileSync('bridge', ['-n', sw, 'link', 'set', 'dev', port, 'state', up ? '3' : '0'], { stdio: 'pipe', timeout: 10_000 });
      } catch {
        ip('-n', sw, 'link', 'set', port, up ? 'up' : 'down'); // no `bridge` command: pull the cable instead
      }
    },
    destroy() {
      for (const ns of created.reverse()) removeNamespace(ns);
    },
  };
  try {
    ip('netns', 'add', sw);
    created.push(sw);
    ip('-n', sw, 'link', 'add', 'br0', 'type', 'bridge');
    ip('-n', sw, 'link', 'set', 'br0', 'up');
    for (const [name, address] of Object.entries(addresses)) {
      const ns = `${id}-${name}`;
      ip('netns', 'add', ns);
      created.push(ns);
      ip('-n', ns, 'link', 'add', 'eth0', 'type', 'veth', 'peer', 'name', `p-${name}`, 'netns', sw);
      ip('-n', sw, 'link', 'set', `p-${name}`, 'master', 'br0', 'up');
      ip('-n', ns, 'addr', 'add', `${address}/${prefixLength}`, 'dev', 'eth0');
      ip('-n', ns, 'link', 'set', 'lo', 'up');
      ip('-n', ns, 'link', 'set', 'eth0', 'up');
      hosts[name] = { ns, address };
    }
  } catch (error) {
    lan.destroy();
    throw error;
  }
  return lan;
}
