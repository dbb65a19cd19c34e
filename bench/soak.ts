/**
 * `npm run soak [-- --duet <checkout>] [--only D1,P4]`: the red-team attacks D1, D4, D5 and D6
 * of issue 10, P1 and P4 of calls by name (soak-people.ts) and R7 (soak-redis.ts: two nodes on a
 * redis-server), against duet's built entry point in child processes, each on fresh servers,
 * printing a Markdown table of figures per attack. `--duet` runs another checkout's build
 * (e.g. the code before the fixes) with this script's attacks.
 */
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { attackD1, attackD4, attackD5, attackD6, type Figures } from './soak-attacks.js';
import { startChild, type Child, type ChildOptions } from './soak-child.js';
import { attackPeopleFlood, attackRingHarassment } from './soak-people.js';
import { attackR7 } from './soak-redis.js';

type Attack = {
  name: string;
  what: string;
} & (
  | { child: Omit<ChildOptions, 'duetDir'>; run: (child: Child) => Promise<Figures> }
  /** An attack that starts its own children (several nodes, a redis-server) from the checkout. */
  | { own: (duetDir: string) => Promise<Figures> }
);

const ATTACKS: Attack[] = [
  { name: 'D1', what: '8 addresses cycling polling sessions (40, then 41 + event + close in one POST), heap limited to 48 MB', child: { nodeFlags: ['--max-old-space-size=48'] }, run: (c) => attackD1(c) },
  { name: 'D4', what: '3 paused readers, their senders relaying 20,000-character (~60 KB) messages within the rate limits for 15 s', child: {}, run: (c) => attackD4(c) },
  { name: 'D5', what: '100 addresses × 4 sockets × 25 joins of distinct rooms into a table of `MAX_ROOMS=2000` (reachable within a minute)', child: { env: { MAX_ROOMS: '2000' } }, run: (c) => attackD5(c) },
  { name: 'D6', what: '6000 TCP connections from 100 addresses without a ClientHello, server `ulimit -n 4096`', child: { fileLimit: 4096 }, run: (c) => attackD6(c) },
  { name: 'P1', what: '12 addresses × 23 long-polling sockets signed in that never poll again (a blind pong every 3 s), 4 sockets signing out and in every second, for 60 s', child: {}, run: (c) => attackPeopleFlood(c) },
  { name: 'P4', what: '64 callers from 8 addresses ringing one person for 30 s, ringing again 1 s after each answer; the person declines every ring 200 ms after it shows', child: {}, run: (c) => attackRingHarassment(c) },
  { name: 'R7', what: 'two nodes on a redis-server, 4 pairs across them relaying 20,000-character messages at 40/s each for 30 s (`REDIS_STREAM_MAX_BYTES=16 MiB`)', own: attackR7 },
];

function option(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at < 0 ? undefined : process.argv[at + 1];
}

function table(figures: Figures): string {
  const rows = Object.entries(figures).map(([key, value]) => `| ${key} | ${typeof value === 'number' && Number.isNaN(value) ? 'failed' : String(value)} |`);
  return ['| figure | value |', '|---|---|', ...rows].join('\n');
}

const duetDir = resolve(option('--duet') ?? '.');
const only = option('--only')?.split(',');
console.log(`soak: ${duetDir}, node ${process.version}, load average ${loadavg().map((n) => n.toFixed(2)).join(' ')}`);
for (const attack of ATTACKS.filter((a) => !only || only.includes(a.name))) {
  const started = Date.now();
  const report = (figures: Figures) =>
    console.log(`\n### ${attack.name}: ${attack.what}\n(load average ${loadavg()[0]!.toFixed(2)}, ${Math.round((Date.now() - started) / 1000)} s)\n\n${table(figures)}`);
  if ('own' in attack) {
    report(await attack.own(duetDir));
    continue;
  }
  const child = await startChild({ duetDir, ...attack.child });
  try {
    const figures = await attack.run(child);
    if (!child.alive()) figures['last output'] = JSON.stringify(child.stderrTail().slice(-200));
    report(figures);
  } finally {
    await child.stop();
  }
}
process.exit(0);
