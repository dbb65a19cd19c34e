/**
 * The server under attack: duet's built entry point (`<duet>/dist/src/server/main.js`) in a
 * child process on loopback, with a temporary CERTS_DIR, its memory and open files read
 * from /proc/<pid> (no /metrics, no inspector).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../test/support/free-port.js';

export interface Child {
  pid: number;
  port: number;
  ca: string;
  /** Resident set size in MB (VmRSS), or NaN once the process is gone. */
  rssMb(): number;
  /** Open file descriptors, or NaN once the process is gone. */
  openFiles(): number;
  alive(): boolean;
  /** The last lines the process printed to stderr. */
  stderrTail(): string;
  stop(): Promise<void>;
}

export interface ChildOptions {
  /** The duet checkout whose dist/ is run. */
  duetDir: string;
  /** Extra V8 flags, e.g. `--max-old-space-size=48`. */
  nodeFlags?: string[];
  /** `ulimit -n` for the child. */
  fileLimit?: number;
  /** Extra environment for the child. */
  env?: Record<string, string>;
}

function procField(pid: number, field: string): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${field}:`));
    return Number(line?.split(/\s+/)[1]) / 1024;
  } catch {
    return NaN;
  }
}

/** Resolves once `GET /` over HTTPS answers, trusting the CA the child made. */
export function httpsGet(port: number, ca: string, localAddress?: string, timeoutMs = 5000): Promise<number> {
  return new Promise((ok, fail) => {
    const req = request({ host: '127.0.0.1', port, path: '/', ca, agent: false, localAddress, timeout: timeoutMs }, (res) => {
      res.resume();
      res.on('end', () => ok(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', fail);
    req.end();
  });
}

export async function startChild(options: ChildOptions): Promise<Child> {
  const certsDir = mkdtempSync(join(tmpdir(), 'duet-soak-certs-'));
  const port = await freePort();
  const node = [process.execPath, ...(options.nodeFlags ?? []), join(options.duetDir, 'dist/src/server/main.js')].map((a) => `'${a}'`).join(' ');
  const limit = options.fileLimit ? `ulimit -n ${options.fileLimit} && ` : '';
  const child: ChildProcess = spawn('bash', ['-c', `${limit}exec ${node}`], {
    cwd: options.duetDir,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', HTTP_PORT: '0', CERTS_DIR: certsDir, LOG_LEVEL: 'info', ...options.env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  let exited = false;
  const exit = new Promise<void>((ok) => child.once('exit', () => ((exited = true), ok())));
  const pid = child.pid!;
  const caFile = join(certsDir, 'ca.pem');
  const deadline = Date.now() + 60_000;
  let ca = '';
  for (;;) {
    if (exited) throw new Error(`the server exited during start-up: ${stderr}`);
    if (Date.now() > deadline) throw new Error(`the server did not answer within 60 s: ${stderr}`);
    try {
      if (existsSync(caFile)) {
        ca = readFileSync(caFile, 'utf8');
        await httpsGet(port, ca);
        break;
      }
    } catch {
      // not listening yet
    }
    await new Promise((ok) => setTimeout(ok, 200));
  }
  return {
    pid,
    port,
    ca,
    rssMb: () => (exited ? NaN : procField(pid, 'VmRSS')),
    openFiles() {
      try {
        return exited ? NaN : readdirSync(`/proc/${pid}/fd`).length;
      } catch {
        return NaN;
      }
    },
    alive: () => !exited,
    stderrTail: () => stderr.split('\n').slice(-5).join('\n'),
    async stop() {
      if (!exited) child.kill('SIGKILL');
      await exit;
      rmSync(certsDir, { recursive: true, force: true });
    },
  };
}
