/**
 * `npm run soak [-- --duet <checkout>] [--only D1,P4]`: the red-team attacks D1, D4, D5 and D6
 * of the second red-team round (docs/security.md) and those of round 3: R3-5 and R3-6 (soak-access.ts), P1 and P4 of calls by name
 * (soak-people.ts) and R7 (soak-redis.ts: two nodes on a redis-server), against duet's built entry
 * point in child processes, each on fresh servers,
 * printing a Markdown table of figures per attack. `--duet` runs another checkout's build
 * (e.g. the code before the fixes) with this script's attacks.
 */
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { attackD1, attackD4, attackD5, attackD6, type Figures } from './soak-attacks.js';
import { startChild, type Child, type ChildOptions } from './soak-child.js';
import { attackPeopleFlood, attackRingHarassment } from './soak-people.js';
import { attackR7 } from './soak-redis.js';
import { attackCredentialFarming, attackDistributedGuessing, LONG_CODE, SHORT_CODE, TURN_ENV } from './soak-access.js';

type Attack = {
  name: string;
  what: string;
} & (
  | {
      child: Omit<ChildOptions, 'duetDir'>;
      /** Started instead when the server refuses `child`'s settings (a newer duet refusing a short ACCESS_CODE). */
      fallback?: Omit<ChildOptions, 'duetDir'>;
      run: (child: Child, options: Omit<ChildOptions, 'duetDir'>) => Promise<Figures>;
    }
  /** An attack that starts its own children (several nodes, a redis-server) from the checkout. */
  | { own: (duetDir: string) => Promise<Figures> }
);

const codeOf = (options: Omit<ChildOptions, 'duetDir'>) => options.env?.ACCESS_CODE ?? '';

const ATTACKS: Attack[] = [
  {
    name: 'D1',
    what: '8 addresses cycling polling sessions (40, then 41 + event + close in one POST), heap limited to 48 MB',
    child: { nodeFlags: ['--max-old-space-size=48'] },
    run: (c) => attackD1(c),
  },
  {
    name: 'D4',
    what: '3 paused readers, their senders relaying 20,000-character (~60 KB) messages within the rate limits for 15 s',
    child: {},
    run: (c) => attackD4(c),
  },
  {
    name: 'D5',
    what: '100 addresses × 4 sockets × 25 joins of distinct rooms into a table of `MAX_ROOMS=2000` (reachable within a minute)',
    child: { env: { MAX_ROOMS: '2000' } },
    run: (c) => attackD5(c),
  },
  {
    name: 'D6',
    what: '6000 TCP connections from 100 addresses without a ClientHello, server `ulimit -n 4096`',
    child: { fileLimit: 4096 },
    run: (c) => attackD6(c),
  },
  {
    name: 'R3-5',
    what: 'TURN credential farming from one address for 20 s, ACCESS_CODE and TURN_SECRET set',
    child: { env: { ...TURN_ENV, ACCESS_CODE: LONG_CODE } },
    run: (c, o) => attackCredentialFarming(c, codeOf(o)),
  },
  {
    name: 'R3-6',
    what: `250 addresses guessing the access code (4 unknown digits: ${SHORT_CODE} where the server takes it, else ${LONG_CODE}) for up to 40 s`,
    child: { env: { ACCESS_CODE: SHORT_CODE } },
    fallback: { env: { ACCESS_CODE: LONG_CODE } },
    run: (c, o) => attackDistributedGuessing(c, codeOf(o)),
  },
  {
    name: 'P1',
    what: '12 addresses × 23 long-polling sockets signed in that never poll again (a blind pong every 3 s), 4 sockets signing out and in every second, for 60 s',
    child: {},
    run: (c) => attackPeopleFlood(c),
  },
  {
    name: 'P4',
    what: '64 callers from 8 addresses ringing one person for 30 s, ringing again 1 s after each answer; the person declines every ring 200 ms after it shows',
    child: {},
    run: (c) => attackRingHarassment(c),
  },
  {
    name: 'R7',
    what: 'two nodes on a redis-server, 4 pairs across them relaying 20,000-character messages at 40/s each for 30 s (`REDIS_STREAM_MAX_BYTES=16 MiB`)',
    own: attackR7,
  },
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
console.log(
  `soak: ${duetDir}, node ${process.version}, load average ${loadavg()
    .map((n) => n.toFixed(2))
    .join(' ')}`,
);
for (const attack of ATTACKS.filter((a) => !only || only.includes(a.name))) {
  const started = Date.now();
  const report = (figures: Figures) =>
    console.log(
      `\n### ${attack.name}: ${attack.what}\n(load average ${loadavg()[0]!.toFixed(2)}, ${Math.round((Date.now() - started) / 1000)} s)\n\n${table(figures)}`,
    );
  if ('own' in attack) {
    report(await attack.own(duetDir));
    continue;
  }
  let options = attack.child;
  const fallback = attack.fallback;
  const child = await startChild({ duetDir, ...options }).catch((error: Error) => {
    if (!fallback) throw error;
    console.log(
      `\n(${attack.name}: the server refused ${JSON.stringify(options.env)}: ${error.message.trim().split('\n').at(-1)}; trying ${JSON.stringify(fallback.env)})`,
    );
    options = fallback;
    return startChild({ duetDir, ...options });
  });
  try {
    const figures = await attack.run(child, options);
    if (!child.alive()) figures['last output'] = JSON.stringify(child.stderrTail().slice(-200));
    report(figures);
  } finally {
    await child.stop();
  }
}
process.exit(0);
