/**
 * A real coturn (`turnserver`) for tests, in TURN REST API mode with a fresh
 * secret, on loopback or inside a network namespace. `startCoturn` waits until
 * its log shows the auth threads up (and, on loopback, until it answers a STUN
 * Binding request); `stop()` ends it and removes its temp folder. Also runs
 * `turnutils_uclient` to prove an allocation works with given credentials.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const TURNSERVER = ['/usr/bin/turnserver', '/usr/sbin/turnserver'].find((p) => existsSync(p));
export const UCLIENT = ['/usr/bin/turnutils_uclient', '/usr/sbin/turnutils_uclient'].find((p) => existsSync(p));

export interface CoturnOptions {
  /** Listening and relay address (default 127.0.0.1). */
  ip?: string;
  /** More listening addresses; with them, each allocation relays from the address its client reached. */
  extraIps?: string[];
  port?: number;
  /** Run inside this network namespace (`ip netns exec`). */
  ns?: string;
  /** Let peers on loopback be relayed to (tests on 127.0.0.1 need it). */
  allowLoopback?: boolean;
  /** Run from this configuration file's text instead (its secret must be given too); the log goes to the temp folder. */
  config?: { text: string; secret: string };
}

export interface Coturn {
  secret: string;
  ip: string;
  port: number;
  realm: string;
  log(): string;
  stop(): Promise<void>;
}

/** A port in 20000-29999 for the listener; relay ports come from a range just above it. */
function pickPort(): number {
  return 20_000 + Math.floor(Math.random() * 1000) * 10;
}

/** Resolves once a STUN Binding request to ip:port gets an answer. */
function stunAnswers(ip: string, port: number, ms: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = createSocket('udp4');
    const finish = (ok: boolean) => (clearTimeout(timer), socket.close(), done(ok));
    const timer = setTimeout(() => finish(false), ms);
    socket.on('message', () => finish(true));
    socket.on('error', () => finish(false));
    const request = Buffer.concat([Buffer.from([0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xa4, 0x42]), randomBytes(12)]);
    socket.send(request, port, ip);
  });
}

export async function startCoturn(options: CoturnOptions = {}): Promise<Coturn> {
  if (!TURNSERVER) throw new Error('turnserver (Debian package coturn) is not installed');
  const ip = options.ip ?? '127.0.0.1';
  const port = options.port ?? pickPort();
  const secret = options.config?.secret ?? randomBytes(24).toString('hex');
  const realm = 'duet.test';
  const dir = mkdtempSync(join(tmpdir(), 'duet-coturn-'));
  const logFile = join(dir, 'turn.log');
  const confFile = join(dir, 'turnserver.conf');
  if (options.config) writeFileSync(confFile, options.config.text.replace(/^log-file=.*$/m, `log-file=${logFile}`));
  const own = [`--pidfile=${join(dir, 'turnserver.pid')}`, `--userdb=${join(dir, 'turndb')}`];
  const args = options.config
    ? ['-c', confFile, ...own]
    : [
        '-n', // no /etc/turnserver.conf
        ...[ip, ...(options.extraIps ?? [])].map((listen) => `--listening-ip=${listen}`),
        ...(options.extraIps?.length ? [] : [`--relay-ip=${ip}`]),
        `--listening-port=${port}`,
        `--min-port=${port + 1}`,
        `--max-port=${port + 9}`,
        ...(options.allowLoopback ? ['--allow-loopback-peers'] : []),
        '--no-cli',
        '--use-auth-secret',
        `--static-auth-secret=${secret}`,
        `--realm=${realm}`,
        '--fingerprint',
        '--no-tls',
        '--no-dtls',
        `--log-file=${logFile}`,
        '--simple-log',
        ...own,
      ];
  const [cmd, cmdArgs] = options.ns ? ['ip', ['netns', 'exec', options.ns, TURNSERVER, ...args]] : [TURNSERVER, args];
  const child: ChildProcess = spawn(cmd, cmdArgs as string[], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const log = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '') + stderr;
  const coturn: Coturn = {
    secret,
    ip,
    port,
    realm,
    log,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) break;
    // "Total auth threads" (older coturn) or the auth threads' IO lines (4.6)
    if (/auth threads|\(auth thread\)/i.test(log()) && (options.ns || (await stunAnswers(ip, port, 500)))) return coturn;
    if (Date.now() > deadline) break;
    await new Promise((ok) => setTimeout(ok, 100));
  }
  const text = log();
  await coturn.stop();
  throw new Error(`turnserver did not become ready:\n${text.slice(-3000)}`);
}

/** Runs turnutils_uclient: one client-to-client allocation sending one message; resolves with its exit code and output. */
export function allocate(coturn: Coturn, username: string, password: string): Promise<{ code: number; output: string }> {
  if (!UCLIENT) throw new Error('turnutils_uclient (Debian package coturn) is not installed');
  return new Promise((done) => {
    execFile(UCLIENT, ['-y', '-n', '1', '-u', username, '-w', password, '-p', String(coturn.port), coturn.ip], { timeout: 20_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
      done({ code, output: `${stdout}${stderr}` });
    });
  });
}

/** True when coturn tests should run; prints a notice when they will not (REQUIRE_COTURN=1 runs them anyway, to fail loudly). */
export function coturnTestsEnabled(): boolean {
  if (TURNSERVER && UCLIENT) return true;
  if (process.env.REQUIRE_COTURN === '1') return true;
  console.warn(
    '\n*** SKIPPED: coturn tests (turnserver/turnutils_uclient not installed: apt-get install coturn; REQUIRE_COTURN=1 makes this a failure). ***\n',
  );
  return false;
}
